package dev.openqoe.ingest.core;

import dev.openqoe.protocol.IngestSource;

/** The two ingest endpoints. */
public enum Endpoint {
  BEACONS("beacons", IngestSource.BEACON, "POST, OPTIONS"),
  CMCD("cmcd", IngestSource.CMCD, "GET, POST, OPTIONS");

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

  /** Where its beacons come from, as stored in their receipt. */
  public IngestSource source() {
    return source;
  }

  /** The methods it answers, as the Allow and Access-Control-Allow-Methods headers list them. */
  public String allowedMethods() {
    return allowedMethods;
  }

  /** Whether {@code method} sends it beacons (OPTIONS, the preflight, sends none). */
  boolean ingests(String method) {
    return method.equals("POST") || (this == CMCD && method.equals("GET"));
  }
}
