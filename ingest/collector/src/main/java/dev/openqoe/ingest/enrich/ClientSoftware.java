package dev.openqoe.ingest.enrich;

/** Browser, operating system and device named by a User-Agent header; parts may be null. */
public record ClientSoftware(
    String browser, String browserVersion, String os, String osVersion, String device) {
  public static final ClientSoftware UNKNOWN = new ClientSoftware(null, null, null, null, null);
}
