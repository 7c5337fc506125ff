package dev.openqoe.lag;

import dev.openqoe.cli.DurationConverter;
import dev.openqoe.cli.ReadyFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qoe lag-monitor}: the consumers' lag as Prometheus metrics, checked against retention. */
@Command(
    name = "lag-monitor",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure the consumer lag of the Flink pipeline's Kafka groups and of Pinot's REALTIME"
          + " tables (the age of the oldest record each has not read, and how many), serve it as"
          + " Prometheus metrics on GET /metrics, and check it against each topic's retention at"
          + " start and every interval:",
      "  WARN, and qoe_lag_retention_at_risk 1, when a consumer's lag exceeds --at-risk-share of"
          + " its topic's retention.ms;",
      "  ERROR, and qoe_lag_lost_records_total, when records were deleted below a consumer's"
          + " position before it read them.",
      "With --once: one round, a table on stdout, then exit (1 when a consumer could not be"
          + " measured)."
    })
public final class LagMonitorCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(LagMonitorCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--kafka",
      defaultValue = LagDefaults.KAFKA_BOOTSTRAP,
      description = "Kafka bootstrap servers (env QOE_KAFKA_BOOTSTRAP). Default: ${DEFAULT-VALUE}.")
  String kafka;

  @Option(
      names = "--pinot-controller",
      defaultValue = LagDefaults.PINOT_CONTROLLER,
      description = "Pinot controller URL (env QOE_PINOT_CONTROLLER). Default: ${DEFAULT-VALUE}.")
  URI pinotController;

  @Option(
      names = "--group",
      paramLabel = "GROUP=TOPIC[,TOPIC...]",
      defaultValue = "${env:QOE_LAG_GROUPS}",
      description =
          "A Kafka consumer group and the topics to watch it on (repeatable; env QOE_LAG_GROUPS,"
              + " specs separated by spaces). Default: the pipeline's groups, e.g."
              + " qoe-pipeline-beacons=qoe.beacons.v1.")
  List<String> groups = new ArrayList<>();

  @Option(
      names = "--pinot-table",
      paramLabel = "TABLE=TOPIC",
      defaultValue = "${env:QOE_LAG_PINOT_TABLES}",
      description =
          "A Pinot REALTIME table and the topic it consumes (repeatable; env"
              + " QOE_LAG_PINOT_TABLES). Default: every table of warehouse/pinot.")
  List<String> pinotTables = new ArrayList<>();

  @Option(
      names = "--pinot",
      negatable = true,
      arity = "0..1",
      defaultValue = "${env:QOE_LAG_PINOT:-true}",
      fallbackValue = "true",
      description = "Watch Pinot's tables (env QOE_LAG_PINOT). Default: ${DEFAULT-VALUE}.")
  boolean pinot;

  @Option(
      names = "--bind",
      defaultValue = LagDefaults.BIND,
      description =
          "Address of the metrics endpoint (env QOE_LAG_BIND). Default: ${DEFAULT-VALUE}.")
  String bind;

  @Option(
      names = "--port",
      defaultValue = LagDefaults.PORT,
      description = "Port of the metrics endpoint (env QOE_LAG_PORT). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--every",
      converter = DurationConverter.class,
      defaultValue = LagDefaults.EVERY,
      description = "Measurement interval (env QOE_LAG_INTERVAL). Default: ${DEFAULT-VALUE}.")
  Duration every;

  @Option(
      names = "--at-risk-share",
      paramLabel = "SHARE",
      defaultValue = LagDefaults.AT_RISK_SHARE,
      description =
          "WARN when a consumer's lag exceeds this share of its topic's retention, as 0.5 or 50%%"
              + " (env QOE_LAG_AT_RISK_SHARE). Default: ${DEFAULT-VALUE}.")
  String atRiskShare;

  @Option(names = "--once", description = "One round: print the table and exit; no endpoint.")
  boolean once;

  @Option(
      names = "--ready-file",
      description = "Written once the first round is done and the endpoint serves it.")
  Path readyFile;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command with its error handling: one line on stderr; bad settings exit 2, others 1. */
  public static CommandLine commandLine() {
    return new CommandLine(new LagMonitorCommand())
        .setExecutionExceptionHandler(
            (e, commandLine, parseResult) -> {
              commandLine.getErr().println("qoe lag-monitor: " + e.getMessage());
              return e instanceof IllegalArgumentException ? 2 : 1;
            });
  }

  /** The consumers to watch: those given, or the defaults. */
  public List<WatchedTopic> watched() {
    List<WatchedTopic> watched = new ArrayList<>();
    List<String> givenGroups = nonBlank(groups);
    if (givenGroups.isEmpty()) {
      watched.addAll(WatchedConsumers.pipelineGroups());
    } else {
      givenGroups.forEach(
          spec -> watched.addAll(WatchedConsumers.parse(ConsumerKind.KAFKA_GROUP, spec)));
    }
    if (pinot) {
      List<String> givenTables = nonBlank(pinotTables);
      if (givenTables.isEmpty()) {
        watched.addAll(WatchedConsumers.pinotTables());
      } else {
        givenTables.forEach(
            spec -> watched.addAll(WatchedConsumers.parse(ConsumerKind.PINOT_TABLE, spec)));
      }
    }
    return watched;
  }

  public RetentionRule rule() {
    return RetentionRule.parse(atRiskShare);
  }

  @Override
  public Integer call() throws Exception {
    if (every.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("--every must be at least 1s, got " + every);
    }
    RetentionRule rule = rule();
    List<WatchedTopic> watched = watched();
    if (readyFile != null) {
      // Left by a run that was killed: it must not say "ready" before this one is.
      ReadyFile.withdraw(readyFile);
    }
    LagMetrics metrics = new LagMetrics();
    LagReader reader = new LagReader(kafka, pinotController);
    LagRound round = new LagRound(watched, reader::read, rule, metrics);
    if (once) {
      try (reader) {
        LagRound.Result result = round.run();
        log(result);
        spec.commandLine().getOut().print(LagTable.render(result.lags(), rule));
        spec.commandLine().getOut().flush();
        return result.lags().size() == watched.size() ? 0 : 1;
      }
    }
    LagEndpoint endpoint = LagEndpoint.start(bind, port, metrics);
    LOG.info(
        "watching {} consumer-topic pairs on Kafka {}{}; WARN above {} of a topic's retention;"
            + " metrics on http://{}:{}/metrics, every {} s",
        watched.size(),
        kafka,
        pinot ? " and Pinot " + pinotController : "",
        RetentionRule.percent(rule.share()),
        bind,
        endpoint.port(),
        every.toSeconds());
    log(round.run());
    ScheduledExecutorService schedule =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "lag-rounds");
              thread.setDaemon(true);
              return thread;
            });
    schedule.scheduleWithFixedDelay(
        () -> {
          try {
            log(round.run());
          } catch (RuntimeException e) {
            LOG.warn("lag round failed: {}", e.toString());
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    if (readyFile != null) {
      ReadyFile.announce(
          readyFile,
          Map.of(
              "metrics",
              "http://" + bind + ":" + endpoint.port() + "/metrics",
              "consumers",
              String.valueOf(watched.size())));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  schedule.shutdown();
                  try {
                    schedule.awaitTermination(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  endpoint.close();
                  reader.close();
                  stopped.countDown();
                },
                "lag-monitor-stop"));
    stopped.await();
    return 0;
  }

  private static void log(LagRound.Result result) {
    for (Finding finding : result.findings()) {
      LOG.atLevel(finding.level()).log(finding.message());
    }
  }

  /** The specs given, those of an environment variable being separated by spaces. */
  private static List<String> nonBlank(List<String> specs) {
    return specs.stream()
        .flatMap(spec -> Arrays.stream(spec.trim().split("\\s+")))
        .filter(spec -> !spec.isBlank())
        .toList();
  }
}
