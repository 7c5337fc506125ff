package dev.openqoe.bench.path;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.simulator.BeaconBatch;
import dev.openqoe.simulator.BeaconJson;
import dev.openqoe.simulator.Scenario;
import dev.openqoe.simulator.SimulatedSession;
import dev.openqoe.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's sessions, scripted once and replayed as often as a run needs: each session's
 * requests as its player sends them (the beacons queued since the last send, one request per
 * heartbeat or state change), rendered once. A replay gets its own session ids: the ids carry a
 * {@value #TAG_LENGTH}-character tag, written into the rendered bodies at known offsets, so the
 * pipeline and Pinot see new sessions every time (never repeats that their deduplication would drop
 * early).
 */
final class SessionPool {

  static final int TAG_LENGTH = 8;
  private static final String PLACEHOLDER = "~".repeat(TAG_LENGTH);
  private static final byte[] PLACEHOLDER_BYTES = PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);

  /** One request of a session: its body with the tag's offsets, and the beacons in it. */
  record Request(byte[] body, int[] tagOffsets, List<BeaconEvent> beacons) {

    /** The body with the session ids of replay {@code tag}. */
    byte[] body(byte[] tag) {
      byte[] copy = body.clone();
      for (int offset : tagOffsets) {
        System.arraycopy(tag, 0, copy, offset, TAG_LENGTH);
      }
      return copy;
    }
  }

  /** One scripted session: who sends it (as the collector sees the viewer) and its requests. */
  record Session(
      String sessionId,
      String userAgent,
      String clientAddress,
      String country,
      long asn,
      List<Request> requests,
      int beacons,
      long durationMs) {

    /** The session id in replay {@code tag}. */
    String sessionId(String tag) {
      return sessionId.replace(PLACEHOLDER, tag);
    }
  }

  private final List<Session> sessions;
  private final double beaconsPerViewerSecond;
  private final double beaconsPerRequest;

  private SessionPool(List<Session> sessions) {
    this.sessions = List.copyOf(sessions);
    long beacons = sessions.stream().mapToLong(Session::beacons).sum();
    long requests = sessions.stream().mapToLong(s -> s.requests().size()).sum();
    // A session that ends at once (an exit before the start) still holds a viewer for a second.
    double viewerSeconds =
        sessions.stream().mapToDouble(s -> Math.max(1000, s.durationMs()) / 1000.0).sum();
    this.beaconsPerViewerSecond = beacons / viewerSeconds;
    this.beaconsPerRequest = (double) beacons / requests;
  }

  /** {@code count} sessions of the simulator's default viewers (seed 1), without incidents. */
  static SessionPool script(int count) {
    SimulatorConfig config = SimulatorConfig.DEFAULTS.builder().sessions(count).ops(false).build();
    List<Session> sessions = new ArrayList<>();
    for (SimulatedSession simulated :
        Scenario.fast(config, "pb" + PLACEHOLDER, System.currentTimeMillis())) {
      sessions.add(session(simulated));
    }
    return new SessionPool(sessions);
  }

  private static Session session(SimulatedSession simulated) {
    List<Request> requests = new ArrayList<>();
    for (BeaconBatch batch : simulated.batches()) {
      byte[] body = BeaconJson.batch(batch.beacons()).getBytes(StandardCharsets.UTF_8);
      requests.add(new Request(body, tagOffsets(body), batch.beacons()));
    }
    List<BeaconEvent> beacons = simulated.beacons();
    long duration = beacons.get(beacons.size() - 1).ts() - beacons.get(0).ts();
    return new Session(
        simulated.plan().sessionId(),
        simulated.plan().device().userAgent(),
        simulated.plan().clientAddress(),
        simulated.plan().network().country(),
        simulated.plan().network().asn(),
        requests,
        beacons.size(),
        duration);
  }

  static int[] tagOffsets(byte[] body) {
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i + TAG_LENGTH <= body.length; i++) {
      if (matchesAt(body, i)) {
        offsets.add(i);
        i += TAG_LENGTH - 1;
      }
    }
    return offsets.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean matchesAt(byte[] body, int at) {
    for (int j = 0; j < TAG_LENGTH; j++) {
      if (body[at + j] != PLACEHOLDER_BYTES[j]) {
        return false;
      }
    }
    return true;
  }

  /** The tag of replay {@code n}: base 36, zero-padded, so every id keeps its length. */
  static String tag(long n) {
    String digits = Long.toString(n, 36);
    if (digits.length() > TAG_LENGTH) {
      throw new IllegalArgumentException("replay " + n + " does not fit a tag");
    }
    return "0".repeat(TAG_LENGTH - digits.length()) + digits;
  }

  int size() {
    return sessions.size();
  }

  Session session(int index) {
    return sessions.get(index);
  }

  /** The pool session a tagged id was made from, or -1 when the id is not one of the pool's. */
  int indexOf(String taggedSessionId) {
    int dash = taggedSessionId.lastIndexOf('-');
    if (!taggedSessionId.startsWith("pb") || dash < 0) {
      return -1;
    }
    try {
      int index = Integer.parseInt(taggedSessionId.substring(dash + 1));
      return index < sessions.size() ? index : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Beacons per second one viewer sends, over the pool: heartbeats every 10 s (protocol v1) and the
   * other events of the sessions. Viewers = beacons/s divided by this.
   */
  double beaconsPerViewerSecond() {
    return beaconsPerViewerSecond;
  }

  /** Sessions per beacon over the pool: what the pipeline closes per beacon in the long run. */
  double sessionsPerBeacon() {
    return sessions.size() / (double) sessions.stream().mapToLong(Session::beacons).sum();
  }

  double beaconsPerRequest() {
    return beaconsPerRequest;
  }
}
