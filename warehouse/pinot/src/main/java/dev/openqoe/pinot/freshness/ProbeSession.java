package dev.openqoe.pinot.freshness;

import java.util.Locale;

/**
 * One short probe session as a player would send it in one request: a play request, the first frame
 * a second later and the end half a second after that, so the pipeline closes the session and emits
 * its interval and session rows right away. Marked by player_name {@value #PLAYER} so dashboards
 * and queries can leave probes out.
 */
record ProbeSession(String sessionId, long endTs) {

  static final String PLAYER = "qoe-freshness";

  String beaconsJson() {
    long start = endTs - 1_500;
    return String.format(
        Locale.ROOT,
        "{\"events\":[%s,%s,%s]}",
        beacon(0, "play_request", start, ",\"player_name\":\"" + PLAYER + "\""),
        beacon(1, "first_frame", start + 1_000, ",\"bitrate_kbps\":2500"),
        beacon(2, "end", endTs, ""));
  }

  private String beacon(int seq, String type, long ts, String extra) {
    return String.format(
        Locale.ROOT,
        "{\"v\":1,\"session_id\":\"%s\",\"seq\":%d,\"type\":\"%s\",\"ts\":%d%s}",
        sessionId,
        seq,
        type,
        ts,
        extra);
  }
}
