package dev.openqoe.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a run needs. {@link #DEFAULTS} is the one place defaults live; the CLI's flags and
 * environment variables override them.
 *
 * @param collector the collector's beacon endpoint
 * @param concurrency most sessions open at once, each with at most one request in flight; 0 picks
 *     {@link #openSessionLimit()}
 * @param rate sessions started per second ({@link ClockMode#REAL_TIME} only)
 * @param window span of simulated time over which sessions start ({@link ClockMode#FAST} only)
 * @param maxSessionLength no session lasts longer (viewers leave by then)
 * @param giveUpAfter how long a batch is retried before its beacons are counted as lost
 * @param groundTruthDir where sessions.jsonl and summary.json go, or null to write none
 * @param beaconsFile where every beacon is also written as JSON lines, or null
 * @param sessionPrefix session ids are this, a dash and the session's number; null derives one from
 *     the start time, so runs against one pipeline never reuse an id
 * @param progressInterval how often progress goes to the progress sink; zero for never
 * @param opsKey the property's ops key, sent with the delivery chain's records (a player ingest key
 *     cannot write them; the development property takes dev-key for both)
 * @param ops whether the delivery chain's side is simulated too: CDN access logs, DRM license
 *     requests and transcode job events, posted to the collector's {@code /v1/ops/<feed>} and
 *     written beside {@code beaconsFile}
 */
public record SimulatorConfig(
    URI collector,
    String ingestKey,
    String opsKey,
    int sessions,
    int concurrency,
    double rate,
    ClockMode clock,
    Duration window,
    Duration maxSessionLength,
    long seed,
    List<Incident> incidents,
    Duration giveUpAfter,
    Path groundTruthDir,
    Path beaconsFile,
    String sessionPrefix,
    Duration progressInterval,
    boolean ops,
    Behaviour behaviour,
    Catalog catalog) {

  public static final SimulatorConfig DEFAULTS =
      new SimulatorConfig(
          URI.create("http://127.0.0.1:8480/v1/beacons"),
          "dev-key",
          "dev-key",
          1000,
          0,
          5,
          ClockMode.FAST,
          Duration.ofMinutes(30),
          Duration.ofMinutes(10),
          1,
          List.of(),
          Duration.ofMinutes(2),
          null,
          null,
          null,
          Duration.ofSeconds(5),
          true,
          Behaviour.DEFAULTS,
          Catalog.standard());

  /** Where {@code qoe simulate} writes the ground truth unless told otherwise. */
  public static final Path CLI_GROUND_TRUTH_DIR = Path.of("data", "simulator");

  /** The shortest session limit that leaves room for the longest startup and one long pause. */
  public static final Duration SHORTEST_SESSION_LIMIT =
      Duration.ofMillis(PlaybackGenerator.LONGEST_STARTUP_MS + PlaybackGenerator.LONGEST_STEP_MS);

  public SimulatorConfig {
    Objects.requireNonNull(collector, "collector");
    Objects.requireNonNull(clock, "clock");
    incidents = List.copyOf(incidents);
    Objects.requireNonNull(behaviour, "behaviour");
    Objects.requireNonNull(catalog, "catalog");
  }

  /** Sessions in flight in a fast run unless told otherwise: enough to keep two cores busy. */
  public static final int FAST_OPEN_SESSIONS = 64;

  /**
   * The most sessions open at once: {@code concurrency}, or when it is 0, {@link
   * #FAST_OPEN_SESSIONS} for a fast run and, in real time, as many as {@code rate} keeps open for
   * sessions of the longest length, so the limit never slows the rate asked for.
   */
  public int openSessionLimit() {
    if (concurrency > 0) {
      return concurrency;
    }
    return clock == ClockMode.FAST
        ? FAST_OPEN_SESSIONS
        : (int) Math.min(100_000, Math.ceil(rate * maxSessionLength.toSeconds()) + 1);
  }

  public Builder builder() {
    return new Builder(this);
  }

  /** Changes some settings of a configuration. */
  public static final class Builder {
    private URI collector;
    private String ingestKey;
    private String opsKey;
    private int sessions;
    private int concurrency;
    private double rate;
    private ClockMode clock;
    private Duration window;
    private Duration maxSessionLength;
    private long seed;
    private List<Incident> incidents;
    private Duration giveUpAfter;
    private Path groundTruthDir;
    private Path beaconsFile;
    private String sessionPrefix;
    private Duration progressInterval;
    private boolean ops;
    private Behaviour behaviour;
    private Catalog catalog;

    private Builder(SimulatorConfig c) {
      collector = c.collector;
      ingestKey = c.ingestKey;
      opsKey = c.opsKey;
      sessions = c.sessions;
      concurrency = c.concurrency;
      rate = c.rate;
      clock = c.clock;
      window = c.window;
      maxSessionLength = c.maxSessionLength;
      seed = c.seed;
      incidents = c.incidents;
      giveUpAfter = c.giveUpAfter;
      groundTruthDir = c.groundTruthDir;
      beaconsFile = c.beaconsFile;
      sessionPrefix = c.sessionPrefix;
      progressInterval = c.progressInterval;
      ops = c.ops;
      behaviour = c.behaviour;
      catalog = c.catalog;
    }

    public Builder collector(URI value) {
      collector = value;
      return this;
    }

    public Builder ingestKey(String value) {
      ingestKey = value;
      return this;
    }

    public Builder opsKey(String value) {
      opsKey = value;
      return this;
    }

    public Builder sessions(int value) {
      sessions = value;
      return this;
    }

    public Builder concurrency(int value) {
      concurrency = value;
      return this;
    }

    public Builder rate(double value) {
      rate = value;
      return this;
    }

    public Builder clock(ClockMode value) {
      clock = value;
      return this;
    }

    public Builder window(Duration value) {
      window = value;
      return this;
    }

    public Builder maxSessionLength(Duration value) {
      maxSessionLength = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder incidents(List<Incident> value) {
      incidents = value;
      return this;
    }

    public Builder giveUpAfter(Duration value) {
      giveUpAfter = value;
      return this;
    }

    public Builder groundTruthDir(Path value) {
      groundTruthDir = value;
      return this;
    }

    public Builder beaconsFile(Path value) {
      beaconsFile = value;
      return this;
    }

    public Builder sessionPrefix(String value) {
      sessionPrefix = value;
      return this;
    }

    public Builder progressInterval(Duration value) {
      progressInterval = value;
      return this;
    }

    public Builder ops(boolean value) {
      ops = value;
      return this;
    }

    public Builder behaviour(Behaviour value) {
      behaviour = value;
      return this;
    }

    public Builder catalog(Catalog value) {
      catalog = value;
      return this;
    }

    public SimulatorConfig build() {
      return new SimulatorConfig(
          collector,
          ingestKey,
          opsKey,
          sessions,
          concurrency,
          rate,
          clock,
          window,
          maxSessionLength,
          seed,
          incidents,
          giveUpAfter,
          groundTruthDir,
          beaconsFile,
          sessionPrefix,
          progressInterval,
          ops,
          behaviour,
          catalog);
    }
  }
}
