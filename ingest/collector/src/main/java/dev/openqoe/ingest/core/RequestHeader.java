package dev.openqoe.ingest.core;

/** The request headers the collector reads: a fixed set, so a transport can prepare their names. */
public enum RequestHeader {
  KEY("X-QoE-Key"),
  ORIGIN("Origin"),
  CONTENT_TYPE("Content-Type"),
  CONTENT_ENCODING("Content-Encoding"),
  CONTENT_LENGTH("Content-Length"),
  USER_AGENT("User-Agent"),
  FORWARDED_FOR("X-Forwarded-For"),
  CMCD_REQUEST("CMCD-Request"),
  CMCD_OBJECT("CMCD-Object"),
  CMCD_STATUS("CMCD-Status"),
  CMCD_SESSION("CMCD-Session");

  private final String wireName;

  RequestHeader(String wireName) {
    this.wireName = wireName;
  }

  /** The header's name as HTTP spells it. */
  public String wireName() {
    return wireName;
  }
}
