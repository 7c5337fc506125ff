package dev.openqoe.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The sessions of a run, scripted without sending anything: session {@code i} always gets the same
 * plan and timeline from the same seed, whichever clock and however the sends interleave.
 */
public final class Scenario {

  private final SimulatorConfig config;
  private final SessionPlanner planner;
  private final PlaybackGenerator generator;
  private final Random seeds;
  private final long originTs;
  private int next;

  /**
   * @param sessionPrefix session ids are this, a dash and the session's number
   * @param originTs the client time simulated time starts at: incidents are scheduled from it
   */
  public Scenario(SimulatorConfig config, String sessionPrefix, long originTs) {
    this.config = config;
    this.planner =
        new SessionPlanner(config.catalog(), sessionPrefix, Math.max(1, config.sessions() / 3));
    this.generator = new PlaybackGenerator(config.behaviour());
    this.seeds = new Random(config.seed());
    this.originTs = originTs;
  }

  /**
   * Every session of a {@link ClockMode#FAST} run whose simulated time ends at {@code endTs}: for
   * writing a beacon file, or for tests that need the beacons without a collector.
   */
  public static List<SimulatedSession> fast(
      SimulatorConfig config, String sessionPrefix, long endTs) {
    Scenario scenario = new Scenario(config, sessionPrefix, fastOrigin(config, endTs));
    List<SimulatedSession> sessions = new ArrayList<>();
    while (scenario.hasNext()) {
      sessions.add(scenario.nextFast());
    }
    return sessions;
  }

  /** Where a fast run's simulated time starts so its last session ends by {@code endTs}. */
  public static long fastOrigin(SimulatorConfig config, long endTs) {
    return endTs - config.window().toMillis() - config.maxSessionLength().toMillis();
  }

  long originTs() {
    return originTs;
  }

  /** Whether a session of the run is still to come. */
  public boolean hasNext() {
    return next < config.sessions();
  }

  /**
   * The next session, starting at its place in the fast clock's window: sessions come in the order
   * they start, one at a time, so a run of any size can be streamed.
   */
  public SimulatedSession nextFast() {
    Random random = new Random(seeds.nextLong());
    long startTs =
        originTs
            + (long)
                ((next + random.nextDouble()) * config.window().toMillis() / config.sessions());
    return session(random, startTs);
  }

  /** The next session, starting at {@code startTs} (real time: when it actually starts). */
  SimulatedSession nextAt(long startTs) {
    Random random = new Random(seeds.nextLong());
    random.nextDouble(); // the fast clock's draw, so both clocks script the same sessions
    return session(random, startTs);
  }

  private SimulatedSession session(Random random, long startTs) {
    SessionPlan plan = planner.plan(next++, startTs - originTs, random);
    return generator.generate(
        plan, startTs, config.maxSessionLength().toMillis(), config.incidents(), random);
  }
}
