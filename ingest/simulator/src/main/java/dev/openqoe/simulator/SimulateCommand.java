package dev.openqoe.simulator;

import dev.openqoe.cli.DurationConverter;
import dev.openqoe.cli.ReadyFile;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qoe simulate}: simulated viewers' sessions against a collector, with ground truth. */
@Command(
    name = "qoe simulate",
    mixinStandardHelpOptions = true,
    version = "qoe simulate 0.1.0",
    sortOptions = false,
    description = {
      "Plays realistic player sessions against a collector as protocol-v1 beacons over HTTP, with"
          + " incidents injected on a schedule, and writes the ground truth: the per-session facts"
          + " the pipeline should compute.",
      "Every option can also be set with the environment variable QOE_SIMULATE_<OPTION> (upper"
          + " case, '-' as '_'), e.g. QOE_SIMULATE_COLLECTOR."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every session delivered whole",
      "1:beacons were rejected or lost, or the collector refused the run",
      "2:bad usage"
    })
public final class SimulateCommand implements Callable<Integer> {

  private static final SimulatorConfig D = SimulatorConfig.DEFAULTS;

  /** Open sessions stop within a heartbeat after a stop; then the ground truth is written. */
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

  @Option(
      names = "--collector",
      paramLabel = "URL",
      description = "The collector's beacon endpoint. Default: ${DEFAULT-VALUE}.")
  private URI collector;

  @Option(
      names = "--ingest-key",
      paramLabel = "KEY",
      description = "Sent as X-QoE-Key. Default: ${DEFAULT-VALUE} (the embedded collector's).")
  private String ingestKey;

  @Option(
      names = "--ops-key",
      paramLabel = "KEY",
      description =
          "Sent as X-QoE-Key with the delivery chain's records (/v1/ops): one of the property's"
              + " ops_keys. Default: ${DEFAULT-VALUE} (the embedded collector's).")
  private String opsKey;

  @Option(
      names = "--sessions",
      paramLabel = "N",
      description = "How many sessions to play. Default: ${DEFAULT-VALUE}.")
  private int sessions;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description =
          "Most sessions open at once (each has at most one request in flight); 0: "
              + SimulatorConfig.FAST_OPEN_SESSIONS
              + " with --clock fast, with real-time as many as --rate keeps open."
              + " Default: ${DEFAULT-VALUE}.")
  private int concurrency;

  @Option(
      names = "--rate",
      paramLabel = "SESSIONS/S",
      description =
          "Sessions started per second with --clock real-time. Default: ${DEFAULT-VALUE}.")
  private double rate;

  @Option(
      names = "--clock",
      paramLabel = "fast|real-time",
      converter = ClockConverter.class,
      description =
          "fast: synthetic timestamps over --window ending now, sent as fast as the collector"
              + " takes them; real-time: sessions play out at wall-clock pace."
              + " Default: ${DEFAULT-VALUE}.")
  private ClockMode clock;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "With --clock fast: the span of simulated time over which sessions start."
              + " Default: ${DEFAULT-VALUE}.")
  private Duration window;

  @Option(
      names = "--max-session-length",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "No session lasts longer; at least 4m. Default: ${DEFAULT-VALUE}.")
  private Duration maxSessionLength;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "The same seed plays the same sessions. Default: ${DEFAULT-VALUE}.")
  private long seed;

  @Option(
      names = "--incident",
      paramLabel = "SPEC",
      converter = IncidentConverter.class,
      description = {
        "Repeatable. kind[:dimension=value,...]@start+duration, start relative to the start of the"
            + " simulated time. Kinds: cdn-degraded (rebuffers rise, the edges answer slowly and"
            + " with 5xx), drm-outage (start failures of protected assets, license requests fail),"
            + " bad-rendition (needs asset_id and bitrate: playback failures),"
            + " transcode-broken (needs asset and rendition, e.g. 4500k: the job fails, its"
            + " segments are missing), player-bug (needs a dimension, usually player_version:"
            + " start and playback failures with PLAYER_INTERNAL_ERROR, the delivery chain"
            + " healthy). Dimensions: cdn, country, asn, asset_id, stream_type,"
            + " device_type, os, player_name, player_version, app_version, drm_system.",
        "Example: --incident cdn-degraded:cdn=fastly,country=BR@5m+10m"
      })
  private List<Incident> incidents = new ArrayList<>();

  @Option(
      names = "--give-up-after",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long a batch is retried (429 and 503 after Retry-After, connection failures with"
              + " backoff) before its beacons count as lost. Default: ${DEFAULT-VALUE}.")
  private Duration giveUpAfter;

  @Option(
      names = "--ground-truth",
      paramLabel = "DIR",
      description =
          "Where sessions.jsonl (one object per session, dwd.sessions column names) and"
              + " summary.json go. Default: ${DEFAULT-VALUE}.")
  private Path groundTruth;

  @Option(
      names = "--beacons",
      paramLabel = "FILE",
      description =
          "Also write every beacon as JSON lines, the input of qoe replay; the delivery chain's"
              + " raw records go beside it (FILE's name up to its first dot, then"
              + " .cloudfront.log, .cdn.jsonl, .drm.jsonl, .mediaconvert.jsonl).")
  private Path beacons;

  @Option(
      names = "--no-ops",
      description =
          "Leave out the delivery chain: no CDN access logs, DRM license requests or transcode"
              + " job events are posted to the collector's /v1/ops/<feed> (or written beside"
              + " --beacons).")
  private boolean noOps;

  @Option(
      names = "--write-geoip",
      paramLabel = "DIR",
      description =
          "Write GeoIP databases that place the simulated client addresses in their country and"
              + " ASN (DIR/"
              + GeoIpDatabases.COUNTRY_FILE
              + ", DIR/"
              + GeoIpDatabases.ASN_FILE
              + ") for the collector's --geoip.database and --geoip.asn-database, then exit"
              + " without sending.")
  private Path writeGeoIp;

  @Option(
      names = "--session-prefix",
      paramLabel = "PREFIX",
      description = "Session ids are PREFIX-<number>. Default: sim- and the start time in base 36.")
  private String sessionPrefix;

  @Option(
      names = "--progress-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How often a progress line goes to stderr; 0 for none. Default: ${DEFAULT-VALUE}.")
  private Duration progressInterval;

  @Option(
      names = "--ready-file",
      paramLabel = "FILE",
      description =
          "Written once the settings are accepted and sending starts, removed at exit: what"
              + " ./qoe up waits for.")
  private Path readyFile;

  private PrintStream err = System.err;

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs the command as the CLI does (help on {@code out}, the rest on {@code err}). */
  public static int run(
      String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    SimulateCommand command = new SimulateCommand();
    command.err = err;
    CommandLine cli = new CommandLine(command);
    cli.setDefaultValueProvider(new Defaults(environment));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    if (writeGeoIp != null) {
      GeoIpDatabases.write(D.catalog(), writeGeoIp);
      err.println("simulate: GeoIP databases written to " + writeGeoIp.toAbsolutePath());
      return 0;
    }
    SimulatorConfig config =
        D.builder()
            .collector(collector)
            .ingestKey(ingestKey)
            .opsKey(opsKey)
            .sessions(sessions)
            .concurrency(concurrency)
            .rate(rate)
            .clock(clock)
            .window(window)
            .maxSessionLength(maxSessionLength)
            .seed(seed)
            .incidents(incidents)
            .giveUpAfter(giveUpAfter)
            .groundTruthDir(groundTruth)
            .beaconsFile(beacons)
            .sessionPrefix(sessionPrefix)
            .progressInterval(progressInterval)
            .ops(!noOps)
            .build();
    Simulator simulator;
    try {
      simulator = new Simulator(config, err);
    } catch (IllegalArgumentException e) {
      err.println("qoe simulate: " + e.getMessage());
      return 2;
    }
    // Ctrl-C stops the run, and waits a little for the ground truth of what was sent to be written.
    CountDownLatch written = new CountDownLatch(1);
    Thread stopper =
        new Thread(
            () -> {
              simulator.stop();
              try {
                written.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "simulator-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    if (readyFile != null) {
      ReadyFile.announce(readyFile, Map.of("collector", collector.toString()));
    }
    try {
      SimulationResult result = simulator.run();
      err.println("simulate: ground truth in " + groundTruth.toAbsolutePath());
      return result.clean() ? 0 : 1;
    } finally {
      written.countDown();
    }
  }

  /** Each option's default: its environment variable if set, else {@link SimulatorConfig}'s. */
  private static final class Defaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> environment;

    Defaults(Map<String, String> environment) {
      this.environment = environment;
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
      if (!(argSpec instanceof CommandLine.Model.OptionSpec option)) {
        return null;
      }
      String name = option.longestName().substring(2);
      String variable = "QOE_SIMULATE_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
      if (environment.containsKey(variable)) {
        return environment.get(variable);
      }
      return switch (name) {
        case "collector" -> D.collector().toString();
        case "ingest-key" -> D.ingestKey();
        case "ops-key" -> D.opsKey();
        case "sessions" -> Integer.toString(D.sessions());
        case "concurrency" -> Integer.toString(D.concurrency());
        case "rate" -> Double.toString(D.rate());
        case "clock" -> D.clock().wireName();
        case "window" -> IncidentSpec.format(D.window());
        case "max-session-length" -> IncidentSpec.format(D.maxSessionLength());
        case "seed" -> Long.toString(D.seed());
        case "give-up-after" -> IncidentSpec.format(D.giveUpAfter());
        case "ground-truth" -> SimulatorConfig.CLI_GROUND_TRUTH_DIR.toString();
        case "progress-interval" -> IncidentSpec.format(D.progressInterval());
        case "no-ops" -> Boolean.toString(!D.ops());
        default -> null;
      };
    }
  }

  /** Reads --clock as written in the help: fast or real-time. */
  static final class ClockConverter implements CommandLine.ITypeConverter<ClockMode> {
    @Override
    public ClockMode convert(String value) {
      for (ClockMode mode : ClockMode.values()) {
        if (mode.wireName().equalsIgnoreCase(value.trim())) {
          return mode;
        }
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a clock: use fast or real-time");
    }
  }

  /** Reads --incident specs, with the syntax in the error message. */
  static final class IncidentConverter implements CommandLine.ITypeConverter<Incident> {
    @Override
    public Incident convert(String value) {
      try {
        return Incident.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
