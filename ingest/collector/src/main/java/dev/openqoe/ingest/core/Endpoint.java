package dev.openqoe.ingest.core;

import dev.openqoe.protocol.IngestSource;

/** The ingest endpoints. */
public enum Endpoint {
  BEACONS("beacons", IngestSource.BEACON, "POST, OPTIONS"),
  CMCD("cmcd", IngestSource.CMCD, "GET, POST, OPTIONS"),
  /**
   * {@code POST /v1/ops/<feed>}: delivery-chain records, stored as received. Their producers are
   * servers (log shippers, encoders, license servers), so it serves no CORS preflight.
   */
  OPS("ops", null, "POST");

  private final String metricName;
  private final IngestSource source;
  private final String allowedMethods;

  Endpoint(String metricName, IngestSource source, String allowedMethods) {
    this.metricName = metricName;
    this.source = source;
    this.allowedMethods = allowedMethods;
  }

  /** The {@code endpoint} label of the request metrics. */
  public String metricName() {
    return metricName;
  }

  /**
   * Where its beacons come from, as stored in their receipt; null for {@link #OPS}, which stores no
   * beacons.
   */
  public IngestSource source() {
    return source;
  }

  /** The methods it answers, as the Allow and Access-Control-Allow-Methods headers list them. */
  public String allowedMethods() {
    return allowedMethods;
  }

  /** Whether {@code method} sends it data (OPTIONS, the preflight, sends none). */
  boolean ingests(String method) {
    return method.equals("POST") || (this == CMCD && method.equals("GET"));
  }

  /** Whether browsers call it, so that it answers CORS preflights and lets pages read answers. */
  boolean servesBrowsers() {
    return this != OPS;
  }
}
