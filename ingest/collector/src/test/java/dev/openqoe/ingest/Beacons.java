package dev.openqoe.ingest;

import java.util.UUID;

/** Protocol-v1 beacon JSON for tests. */
public final class Beacons {

  private Beacons() {}

  public static String sessionId() {
    return "it-" + UUID.randomUUID();
  }

  public static String event(String sessionId, long seq, String type) {
    String extra = type.equals("bitrate_change") ? ",\"bitrate_kbps\":3000" : "";
    return "{\"v\":1,\"session_id\":\""
        + sessionId
        + "\",\"seq\":"
        + seq
        + ",\"type\":\""
        + type
        + "\",\"ts\":"
        + System.currentTimeMillis()
        + extra
        + "}";
  }

  public static String batch(String... events) {
    return "{\"events\":[" + String.join(",", events) + "]}";
  }
}
