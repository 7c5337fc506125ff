package dev.openqoe.browser;

/** How a player reports CMCD v2 in a run. */
public enum CmcdMode {
  /** Event mode only: reports POSTed to the collector's /v1/cmcd. */
  EVENT("event", true, false),
  /** Request mode, {@code CMCD=} query parameter on media requests, mirrored by the origin. */
  REQUEST_QUERY("request-query", false, true),
  /** Request mode, {@code CMCD-*} headers on media requests, mirrored by the origin. */
  REQUEST_HEADERS("request-headers", false, true),
  /** Event mode and request mode (query) at once, one session. */
  BOTH("both", true, true);

  private final String pageName;
  private final boolean events;
  private final boolean requests;

  CmcdMode(String pageName, boolean events, boolean requests) {
    this.pageName = pageName;
    this.events = events;
    this.requests = requests;
  }

  public String pageName() {
    return pageName;
  }

  public boolean events() {
    return events;
  }

  /** Whether the origin mirrors the request-mode data of media requests to the collector. */
  public boolean requests() {
    return requests;
  }
}
