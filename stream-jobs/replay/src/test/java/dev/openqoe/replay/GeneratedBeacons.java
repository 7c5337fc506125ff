package dev.openqoe.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Plausible protocol-v1 beacon lines for many sessions, from a fixed seed: starts, ads, rebuffers,
 * seeks, pauses, bitrate switches, start failures, playback failures and abandonments.
 */
public final class GeneratedBeacons {

  private static final String[] CDNS = {"cdn-a", "cdn-b", "cdn-c"};
  private static final String[] DEVICES = {"desktop", "mobile", "smart_tv"};
  private static final int[] LADDER = {400, 1200, 2500, 4500, 8000};

  private GeneratedBeacons() {}

  /** Each session's lines, in seq order; sessions in creation order. */
  public static List<List<String>> sessions(int count, long seed) {
    Random random = new Random(seed);
    List<List<String>> sessions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sessions.add(session(String.format("gen-%06d", i), random));
    }
    return sessions;
  }

  /** All lines, sessions interleaved at random and beacons within a session locally shuffled. */
  public static List<String> shuffled(List<List<String>> sessions, long seed) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>();
    sessions.forEach(lines::addAll);
    Collections.shuffle(lines, random);
    return lines;
  }

  public static List<String> ordered(List<List<String>> sessions) {
    List<String> lines = new ArrayList<>();
    sessions.forEach(lines::addAll);
    return lines;
  }

  private static List<String> session(String id, Random random) {
    List<String> lines = new ArrayList<>();
    long ts = 1_700_000_000_000L + random.nextInt(3_600_000);
    int[] seq = {0};
    String dims =
        String.format(
            ",\"cdn\":\"%s\",\"device_type\":\"%s\",\"asset_id\":\"asset-%d\"",
            CDNS[random.nextInt(CDNS.length)],
            DEVICES[random.nextInt(DEVICES.length)],
            random.nextInt(20));
    lines.add(beacon(id, seq, "play_request", ts, dims));
    if (random.nextInt(10) == 0) {
      lines.add(beacon(id, seq, "ad_break_start", ts += 300, ""));
      lines.add(beacon(id, seq, "ad_break_end", ts += 15_000, ""));
    }
    int outcome = random.nextInt(20);
    if (outcome == 0) {
      lines.add(
          beacon(
              id, seq, "error", ts += 2_000, ",\"error_code\":\"E_START\",\"error_fatal\":true"));
      return lines;
    }
    if (outcome == 1) {
      lines.add(beacon(id, seq, "end", ts += 4_000, ""));
      return lines;
    }
    int rung = random.nextInt(LADDER.length);
    lines.add(
        beacon(
            id,
            seq,
            "first_frame",
            ts += 300 + random.nextInt(4_000),
            ",\"bitrate_kbps\":" + LADDER[rung]));
    int steps = 5 + random.nextInt(60);
    for (int step = 0; step < steps; step++) {
      ts += 1_000 + random.nextInt(10_000);
      switch (random.nextInt(8)) {
        case 0 -> {
          lines.add(beacon(id, seq, "rebuffer_start", ts, ""));
          lines.add(beacon(id, seq, "rebuffer_end", ts += 200 + random.nextInt(3_000), ""));
        }
        case 1 -> {
          rung = Math.max(0, Math.min(LADDER.length - 1, rung + random.nextInt(3) - 1));
          lines.add(beacon(id, seq, "bitrate_change", ts, ",\"bitrate_kbps\":" + LADDER[rung]));
        }
        case 2 -> {
          lines.add(beacon(id, seq, "seek_start", ts, ""));
          lines.add(beacon(id, seq, "seek_end", ts += 100 + random.nextInt(900), ""));
        }
        case 3 -> {
          lines.add(beacon(id, seq, "pause", ts, ""));
          lines.add(beacon(id, seq, "resume", ts += random.nextInt(20_000), ""));
        }
        default -> lines.add(beacon(id, seq, "heartbeat", ts, ""));
      }
    }
    if (outcome == 2) {
      lines.add(
          beacon(id, seq, "error", ts += 1_000, ",\"error_code\":\"E_PLAY\",\"error_fatal\":true"));
    } else if (outcome != 3) {
      lines.add(beacon(id, seq, "end", ts += 1_000, ""));
    }
    return lines;
  }

  private static String beacon(String id, int[] seq, String type, long ts, String extra) {
    return String.format(
        "{\"v\":1,\"session_id\":\"%s\",\"seq\":%d,\"type\":\"%s\",\"ts\":%d%s}",
        id, seq[0]++, type, ts, extra);
  }
}
