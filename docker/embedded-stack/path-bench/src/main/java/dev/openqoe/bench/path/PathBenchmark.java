package dev.openqoe.bench.path;

import dev.openqoe.cli.DurationConverter;
import dev.openqoe.ingest.bench.BareHttpServer;
import dev.openqoe.kafka.PipelineSource;
import dev.openqoe.lag.LagReader;
import dev.openqoe.lag.WatchedTopic;
import dev.openqoe.process.FreePorts;
import dev.openqoe.process.ScratchDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qoe bench-path}: the simulator's viewers at increasing rates through the whole path
 * (collector, Kafka, the Flink pipeline, Pinot, each started as {@code qoe up} starts it, on
 * loopback) and through each part alone, in one run; per part the highest beacon rate sustained for
 * the hold time with every consumer's lag under the limit and no errors, the viewers that rate
 * stands for, and the weakest part. The load generators' own ceilings are measured in the same run.
 * Every process it starts is stopped by its PID, also on failure and Ctrl-C.
 */
@Command(
    name = "qoe bench-path",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Whole-path throughput: the highest beacon rate the whole path and each part alone"
            + " sustain with consumer lag under the limit and no errors.")
public final class PathBenchmark implements Callable<Integer> {

  static final String PIPELINE_GROUP = PipelineSource.BEACONS.groupId();
  static final String BEACONS = "qoe.beacons.v1";
  static final String DLQ = "qoe.beacons.dlq";

  /**
   * The lowest lag reading of this window judges a Kafka consumer: the pipeline's 10 s checkpoint
   * interval (as {@code qoe up} runs it) and 5 s for the checkpoint itself.
   */
  static final Duration KAFKA_LAG_WINDOW = Duration.ofSeconds(15);

  /**
   * Requests in flight, one per connection: on a busy machine each answer waits for its threads to
   * be scheduled, and with few connections that wait, not the part, would set the rate.
   */
  private static final int HTTP_CONNECTIONS = 256;

  private static final int KAFKA_IN_FLIGHT = 50_000;
  private static final int MAX_VIEWERS = 400_000;
  private static final int ROWS_KEPT = 300_000;

  @Option(
      names = "--hold",
      converter = DurationConverter.class,
      defaultValue = "5m",
      description = "How long the candidate rate must hold. Default: ${DEFAULT-VALUE}.")
  Duration hold;

  @Option(
      names = "--step",
      converter = DurationConverter.class,
      defaultValue = "30s",
      description = "Length of each step of the ramp. Default: ${DEFAULT-VALUE}.")
  Duration step;

  @Option(
      names = "--warm-up",
      converter = DurationConverter.class,
      defaultValue = "30s",
      description =
          "Load at the start rate before each part's ramp, not judged. Default: ${DEFAULT-VALUE}.")
  Duration warmUp;

  @Option(
      names = "--start-rate",
      defaultValue = "2000",
      description = "Beacons/s of the ramp's first step. Default: ${DEFAULT-VALUE}.")
  double startRate;

  @Option(
      names = "--factor",
      defaultValue = "1.5",
      description = "Each step's rate over the one before. Default: ${DEFAULT-VALUE}.")
  double factor;

  @Option(
      names = "--step-down",
      defaultValue = "0.85",
      description =
          "A failed hold is tried again at this share of its rate. Default: ${DEFAULT-VALUE}.")
  double stepDown;

  @Option(
      names = "--max-holds",
      defaultValue = "3",
      description = "Holds tried per part at most. Default: ${DEFAULT-VALUE}.")
  int maxHolds;

  @Option(
      names = "--lag-limit",
      converter = DurationConverter.class,
      defaultValue = "10s",
      description = "The highest consumer lag a sustained rate allows. Default: ${DEFAULT-VALUE}.")
  Duration lagLimit;

  @Option(
      names = "--parts",
      split = ",",
      defaultValue = "whole,collector,pipeline,pinot",
      description =
          "Which to measure, in this order: whole (collector -> Kafka -> pipeline -> Pinot),"
              + " collector, pipeline, pinot (needs whole or pipeline before it: it replays their"
              + " rows). Default: ${DEFAULT-VALUE}.")
  List<String> parts;

  @Option(
      names = "--pool-sessions",
      defaultValue = "10000",
      description =
          "Simulated sessions scripted once and replayed with new ids. Default: ${DEFAULT-VALUE}.")
  int poolSessions;

  @Option(
      names = "--data-dir",
      description =
          "Where the parts keep their data (removed at the end). Default: a new directory in"
              + " /dev/shm when it has 8 GB free, else in the temporary directory.")
  Path dataDir;

  @Option(
      names = "--home",
      defaultValue = "${env:QOE_HOME:-.}",
      description = "The repository, where ./qoe is (env QOE_HOME). Default: ${DEFAULT-VALUE}.")
  Path home;

  private final PrintStream out = System.out;
  private final List<AutoCloseable> open = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new PathBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<Part> order = order(parts);
    Path root = dataDir != null ? Files.createDirectories(dataDir) : scratch();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closeAll();
                  if (dataDir == null) {
                    ScratchDirectory.delete(root);
                  }
                },
                "bench-path-cleanup"));
    RateSearch.Plan plan =
        new RateSearch.Plan(
            startRate, factor, stepDown, maxHolds, step, hold, lagLimit.toMillis() / 1000.0);
    out.printf(
        Locale.ROOT,
        "bench-path: %d cores, %s; ramp from %,.0f beacons/s x%.2f every %d s, hold %d s, a failed"
            + " hold again at x%.2f (at most %d holds); sustained = lag under %.0f s and no"
            + " errors; data in %s%n",
        Runtime.getRuntime().availableProcessors(),
        LocalDate.now(),
        startRate,
        factor,
        step.toSeconds(),
        hold.toSeconds(),
        stepDown,
        maxHolds,
        plan.lagLimitSeconds(),
        root);
    long started = System.nanoTime();
    SessionPool pool = SessionPool.script(poolSessions);
    out.printf(
        Locale.ROOT,
        "bench-path: %,d simulated sessions scripted: %.3f beacons per viewer-second (a heartbeat"
            + " every 10 s and the other events), %.2f beacons per request%n",
        pool.size(),
        pool.beaconsPerViewerSecond(),
        pool.beaconsPerRequest());
    Report report = new Report(pool.beaconsPerViewerSecond(), plan.lagLimitSeconds());
    try {
      Stack idle = Stack.start(home, Stack.directory(root, "ceilings"), Set.of(), out, this::track);
      report.httpCeiling(httpCeiling(pool));
      report.kafkaCeiling(kafkaCeiling(pool, idle.kafkaBootstrap()));
      out.printf(
          Locale.ROOT,
          "bench-path: load generators' ceilings: HTTP %,.0f beacons/s against a bare HTTP 204"
              + " server, Kafka %,.0f beacons/s into an idle broker%n",
          report.httpCeiling(),
          report.kafkaCeiling());
      RowPool rows = null;
      for (Part part : order) {
        Path dir = Stack.directory(root, part.flag);
        out.printf("%nbench-path: === %s: %s ===%n", part.label, part.path);
        switch (part) {
          case WHOLE -> {
            try (Stack stack =
                    Stack.start(home, dir, Set.of(Stack.PINOT, Stack.PIPELINE), out, this::track);
                LagReader probe = new LagReader(stack.kafkaBootstrap(), stack.pinotController());
                SessionLoad load =
                    new SessionLoad(
                        pool,
                        new HttpSender(stack.beaconsUrl(), Stack.INGEST_KEY, HTTP_CONNECTIONS),
                        HTTP_CONNECTIONS,
                        MAX_VIEWERS)) {
              List<Phase.LagSource> lags = new ArrayList<>();
              lags.add(backlog(load));
              lags.add(pipelineLag(probe));
              lags.addAll(pinotLags(probe));
              report.add(part, search(part, stack, probe, load, lags, true, plan, pool));
              if (rows == null && order.contains(Part.PINOT)) {
                rows = capture(stack, pool);
              }
            }
          }
          case COLLECTOR -> {
            try (Stack stack = Stack.start(home, dir, Set.of(), out, this::track);
                LagReader probe = new LagReader(stack.kafkaBootstrap(), stack.pinotController());
                SessionLoad load =
                    new SessionLoad(
                        pool,
                        new HttpSender(stack.beaconsUrl(), Stack.INGEST_KEY, HTTP_CONNECTIONS),
                        HTTP_CONNECTIONS,
                        MAX_VIEWERS)) {
              report.add(
                  part, search(part, stack, probe, load, List.of(backlog(load)), true, plan, pool));
            }
          }
          case PIPELINE -> {
            try (Stack stack = Stack.start(home, dir, Set.of(Stack.PIPELINE), out, this::track);
                LagReader probe = new LagReader(stack.kafkaBootstrap(), stack.pinotController());
                SessionLoad load =
                    new SessionLoad(
                        pool,
                        new KafkaBeaconSender(stack.kafkaBootstrap()),
                        KAFKA_IN_FLIGHT,
                        MAX_VIEWERS)) {
              report.add(
                  part,
                  search(
                      part,
                      stack,
                      probe,
                      load,
                      List.of(backlog(load), pipelineLag(probe)),
                      false,
                      plan,
                      pool));
              if (rows == null && order.contains(Part.PINOT)) {
                rows = capture(stack, pool);
              }
            }
          }
          case PINOT -> {
            if (rows == null) {
              throw new IllegalStateException("unreachable: pinot is ordered after a pipeline");
            }
            try (RowLoad ceilingLoad = new RowLoad(idle.kafkaBootstrap(), rows)) {
              report.rowCeiling(
                  Ceiling.measure(ceilingLoad, Duration.ofSeconds(3), Duration.ofSeconds(10)));
            }
            out.printf(
                Locale.ROOT,
                "bench-path: row feed: %.4f session rows per beacon (one per pool session) and"
                    + " %.4f interval rows per beacon (the pipeline's, over the sessions it closed);"
                    + " its ceiling %,.0f beacons/s%n",
                rows.sessionsPerBeacon(),
                rows.intervalsPerBeacon(),
                report.rowCeiling());
            try (Stack stack = Stack.start(home, dir, Set.of(Stack.PINOT), out, this::track);
                LagReader probe = new LagReader(stack.kafkaBootstrap(), stack.pinotController());
                RowLoad load = new RowLoad(stack.kafkaBootstrap(), rows)) {
              List<Phase.LagSource> lags = new ArrayList<>();
              lags.add(backlog(load));
              lags.addAll(pinotLags(probe));
              report.add(part, search(part, stack, probe, load, lags, false, plan, pool));
            }
          }
        }
        ScratchDirectory.delete(dir);
      }
      // Again, warm: on a busy machine one run of a few seconds can catch the generator starved.
      report.httpCeiling(Math.max(report.httpCeiling(), httpCeiling(pool)));
      report.kafkaCeiling(
          Math.max(report.kafkaCeiling(), kafkaCeiling(pool, idle.kafkaBootstrap())));
    } finally {
      closeAll();
    }
    out.println();
    report.print(out);
    out.printf(
        Locale.ROOT, "%nbench-path: done in %.1f min%n", (System.nanoTime() - started) / 60e9);
    return 0;
  }

  private RateSearch.Outcome search(
      Part part,
      Stack stack,
      LagReader probe,
      Load load,
      List<Phase.LagSource> lags,
      boolean watchDlq,
      RateSearch.Plan plan,
      SessionPool pool)
      throws Exception {
    List<Phase.ErrorCheck> checks = new ArrayList<>();
    for (PartProcess process : stack.parts()) {
      checks.add(
          () ->
              process.alive()
                  ? process.newFailures().stream()
                      .map(line -> process.name() + ": " + line)
                      .toList()
                  : List.of(process.name() + " exited:\n" + process.tail()));
    }
    if (watchDlq) {
      long[] seen = {probe.endOffsets(DLQ)};
      checks.add(
          () -> {
            long now = probe.endOffsets(DLQ);
            long added = now - seen[0];
            seen[0] = now;
            return added > 0 ? List.of(added + " records on " + DLQ) : List.of();
          });
    }
    Phase phase =
        new Phase(
            part.label,
            load,
            lags,
            checks,
            plan.lagLimitSeconds(),
            pool.beaconsPerViewerSecond(),
            out);
    try {
      phase.warmUp(plan.start(), warmUp);
      return RateSearch.search(phase, plan);
    } finally {
      load.rate(0);
    }
  }

  private static Phase.LagSource backlog(Load load) {
    return new Phase.LagSource(StepResult.LOAD, load::backlogSeconds, Duration.ZERO);
  }

  private static Phase.LagSource pipelineLag(LagReader probe) {
    WatchedTopic pipeline = WatchedTopic.group(PIPELINE_GROUP, BEACONS);
    return new Phase.LagSource(
        "pipeline", () -> probe.read(pipeline).lagSeconds(), KAFKA_LAG_WINDOW);
  }

  private static List<Phase.LagSource> pinotLags(LagReader probe) {
    WatchedTopic sessions = WatchedTopic.pinotTable("qoe_sessions", RowPool.SESSIONS);
    WatchedTopic intervals = WatchedTopic.pinotTable("qoe_intervals", RowPool.INTERVALS);
    return List.of(
        new Phase.LagSource(
            "pinot sessions", () -> probe.read(sessions).lagSeconds(), KAFKA_LAG_WINDOW),
        new Phase.LagSource(
            "pinot intervals", () -> probe.read(intervals).lagSeconds(), KAFKA_LAG_WINDOW));
  }

  private RowPool capture(Stack stack, SessionPool pool) {
    RowPool rows = RowPool.capture(stack.kafkaBootstrap(), pool, ROWS_KEPT);
    out.printf(
        Locale.ROOT,
        "bench-path: kept %,d session rows and %,d interval rows the pipeline wrote, for Pinot"
            + " alone%n",
        rows.sessions().size(),
        rows.intervals().size());
    return rows;
  }

  private double httpCeiling(SessionPool pool) throws Exception {
    int port = FreePorts.onLoopback();
    try (BareHttpServer bare =
            BareHttpServer.start(port, Runtime.getRuntime().availableProcessors());
        SessionLoad load =
            new SessionLoad(
                pool,
                new HttpSender(
                    URI.create("http://127.0.0.1:" + port + "/v1/beacons"),
                    Stack.INGEST_KEY,
                    HTTP_CONNECTIONS),
                HTTP_CONNECTIONS,
                MAX_VIEWERS)) {
      return Ceiling.measure(load, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }
  }

  private double kafkaCeiling(SessionPool pool, String bootstrap) throws Exception {
    try (SessionLoad load =
        new SessionLoad(pool, new KafkaBeaconSender(bootstrap), KAFKA_IN_FLIGHT, MAX_VIEWERS)) {
      return Ceiling.measure(load, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }
  }

  /** The parts in the order given; Pinot alone after a part that runs the pipeline. */
  static List<Part> order(List<String> flags) {
    Set<Part> parts = new LinkedHashSet<>();
    flags.forEach(flag -> parts.add(Part.of(flag.strip())));
    List<Part> order = new ArrayList<>(parts);
    if (order.contains(Part.PINOT)) {
      int pinot = order.indexOf(Part.PINOT);
      boolean fed =
          order.subList(0, pinot).stream().anyMatch(p -> p == Part.WHOLE || p == Part.PIPELINE);
      if (!fed) {
        throw new CommandLine.ParameterException(
            new CommandLine(new PathBenchmark()),
            "--parts: pinot replays the rows the pipeline wrote in the same run: put whole or"
                + " pipeline before it");
      }
    }
    return order;
  }

  private <T extends AutoCloseable> T track(T resource) {
    synchronized (open) {
      open.add(resource);
    }
    return resource;
  }

  private void closeAll() {
    List<AutoCloseable> toClose;
    synchronized (open) {
      toClose = new ArrayList<>(open);
      open.clear();
    }
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        System.err.println("bench-path: could not stop " + toClose.get(i) + ": " + e);
      }
    }
  }

  /** In memory when /dev/shm has room: the parts' logs and data stay off a slow disk. */
  private static Path scratch() throws IOException {
    Path memory = Path.of("/dev/shm");
    if (Files.isDirectory(memory)
        && Files.isWritable(memory)
        && Files.getFileStore(memory).getUsableSpace() > (8L << 30)) {
      return Files.createTempDirectory(memory, "qoe-bench-path");
    }
    return Files.createTempDirectory("qoe-bench-path");
  }
}
