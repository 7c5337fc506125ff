package dev.openqoe.ingest.bench;

import dev.openqoe.embedded.EmbeddedKafkaMain;
import dev.openqoe.ingest.Collector;
import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.ingest.kafka.BeaconSink;
import dev.openqoe.kafka.TopicCreator;
import dev.openqoe.process.ChildJvm;
import dev.openqoe.process.FreePorts;
import dev.openqoe.process.ScratchDirectory;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.Receipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code qoe bench-collector}: measures, in one run and on loopback only, the collector's accepted
 * events/s and latency against its two ceilings on this machine: a bare HTTP server on the same
 * stack answering 204, and a raw Kafka producer (at its best) sending the same records. Then
 * measures latency at half the collector's peak rate, and Kafka's alone at that rate, and splits
 * the collector's CPU per request into its two jobs and its own work ({@link CpuAccounting}), with
 * its code's main steps timed alone ({@link OwnSteps}). Starts an embedded Kafka in a temporary
 * directory and stops everything it started.
 */
public final class CollectorBenchmark {

  private static final String KEY = "bench-key";
  private static final long RAM_DIRECTORY_MIN_FREE = 8L << 30;
  private static final Duration OWN_STEPS_TIMING = Duration.ofSeconds(3);

  private CollectorBenchmark() {}

  /**
   * Settings of one run; every phase is bounded in time and in recorded requests. Collector
   * settings ({@code --kafka.compression=none}, {@code --kafka.bootstrap=host:9092} ...) are passed
   * on to the collector and to the raw producer, so both run as they would be deployed.
   */
  record Settings(
      Duration warmup,
      Duration phase,
      int rounds,
      int connections,
      int eventsPerRequest,
      List<String> collectorFlags) {

    static final String USAGE =
        "usage: bench-collector [--seconds=10] [--warmup-seconds=10] [--rounds=2]"
            + " [--connections=64] [--batch=10] [--<collector setting>=<value> ...]";

    /** A measured phase's length, for rates. */
    double phaseSeconds() {
      return phase.toMillis() / 1000.0;
    }

    static Settings parse(String[] args) {
      Map<String, String> values =
          new HashMap<>(
              Map.of(
                  "warmup-seconds", "10",
                  "seconds", "10",
                  "rounds", "2",
                  "connections", "64",
                  "batch", "10"));
      Set<String> collectorKeys =
          Stream.of(CollectorConfig.Setting.values())
              .map(CollectorConfig.Setting::key)
              .collect(Collectors.toSet());
      List<String> collectorFlags = new ArrayList<>();
      for (String arg : args) {
        String[] parts = arg.replaceFirst("^--", "").split("=", 2);
        if (parts.length == 2 && values.containsKey(parts[0])) {
          values.put(parts[0], parts[1]);
        } else if (parts.length == 2 && collectorKeys.contains(parts[0])) {
          collectorFlags.add("--" + parts[0] + "=" + parts[1]);
        } else {
          throw new IllegalArgumentException(
              "unknown argument " + arg + "\n" + USAGE + "\n" + CollectorConfig.usage());
        }
      }
      return new Settings(
          Duration.ofSeconds(Long.parseLong(values.get("warmup-seconds"))),
          Duration.ofSeconds(Math.min(60, Long.parseLong(values.get("seconds")))),
          Math.max(1, Math.min(5, Integer.parseInt(values.get("rounds")))),
          Integer.parseInt(values.get("connections")),
          Integer.parseInt(values.get("batch")),
          List.copyOf(collectorFlags));
    }
  }

  public static void main(String[] args) throws Exception {
    Settings settings;
    CollectorConfig config;
    List<CollectorConfig> rawProducerConfigs;
    Path dataDir = benchDirectory();
    // Also on Ctrl-C: a run leaves a few GB behind, in memory when under /dev/shm.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> ScratchDirectory.delete(dataDir), "bench-cleanup"));
    try {
      settings = Settings.parse(args);
      Path properties = benchProperties(dataDir);
      config = collectorConfig(settings, properties);
      rawProducerConfigs = rawProducerConfigs(settings, properties, config);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-collector: " + e.getMessage());
      System.exit(2);
      return;
    }
    int eventLoops = Runtime.getRuntime().availableProcessors();
    if (!Wrk.isInstalled()) {
      System.err.println(
          "bench-collector needs wrk, the HTTP load generator: install it with"
              + " 'apt-get install -y wrk' (Debian/Ubuntu) and run again");
      System.exit(2);
    }
    Measurement results;
    System.out.printf(
        Locale.ROOT,
        "collector benchmark: %d cores, %d connections, %d events/request, %d round(s) of %d s per"
            + " phase (+%d s warm-up), best round kept, HTTP on loopback only; collector's"
            + " producer: compression=%s linger.ms=%d max.in.flight=%d (raw producer: linger.ms=0,"
            + " the faster of max.in.flight=%s)%n",
        eventLoops,
        settings.connections(),
        settings.eventsPerRequest(),
        settings.rounds(),
        settings.phase().toSeconds(),
        settings.warmup().toSeconds(),
        config.kafkaCompression(),
        config.kafkaLingerMs(),
        config.kafkaMaxInFlight(),
        rawProducerConfigs.stream()
            .map(raw -> Integer.toString(raw.kafkaMaxInFlight()))
            .collect(Collectors.joining(" and ")));
    List<String> bodies = requestBodies(settings.eventsPerRequest());
    // Before the broker starts, so that nothing else runs while it times code on one thread.
    OwnSteps ownSteps =
        OwnSteps.time(
            bodies.stream().map(body -> body.getBytes(StandardCharsets.UTF_8)).toList(),
            receipt(System.currentTimeMillis()),
            OWN_STEPS_TIMING);
    if (config.usesEmbeddedKafka()) {
      // The broker gets a JVM of its own, as in any deployment: its garbage collection pauses
      // would otherwise stop the collector too and land in the collector's latency figures.
      try (ChildJvm broker =
          EmbeddedKafkaMain.startChild(dataDir.resolve("kafka"), List.of("-Xmx1g"))) {
        String bootstrap = EmbeddedKafkaMain.bootstrapServers(broker);
        System.out.printf(
            "Kafka: embedded broker at %s (pid %d), data in %s%n",
            bootstrap, broker.pid(), dataDir);
        results =
            measure(
                bootstrap,
                OptionalLong.of(broker.pid()),
                config,
                rawProducerConfigs,
                settings,
                eventLoops,
                bodies,
                ownSteps,
                dataDir);
      }
    } else {
      String bootstrap = config.kafkaBootstrap();
      System.out.printf("Kafka: %s%n", bootstrap);
      if (config.createTopics()) {
        TopicCreator.createMissing(
            bootstrap, BeaconSink.TOPICS, (short) Math.min(3, bootstrap.split(",").length));
      }
      results =
          measure(
              bootstrap,
              OptionalLong.empty(),
              config,
              rawProducerConfigs,
              settings,
              eventLoops,
              bodies,
              ownSteps,
              dataDir);
    }
    print(results);
  }

  /**
   * Where the run keeps its files, the embedded broker's log among them: in memory (/dev/shm) when
   * it has room for the few GB a run writes. On disk, writing back those GB in the later phases
   * stalled the broker for tens of milliseconds at a time on the project's machine: a property of
   * that disk, not of the collector, and it fell on whichever phase ran then.
   */
  private static Path benchDirectory() throws IOException {
    Path memory = Path.of("/dev/shm");
    if (Files.isDirectory(memory)
        && Files.isWritable(memory)
        && Files.getFileStore(memory).getUsableSpace() > RAM_DIRECTORY_MIN_FREE) {
      return Files.createTempDirectory(memory, "qoe-bench");
    }
    return Files.createTempDirectory("qoe-bench");
  }

  /**
   * The bench property: its ingest key, with no rate limit (one client address sends everything).
   */
  private static Path benchProperties(Path dir) throws IOException {
    Path properties = dir.resolve("bench-properties.json");
    Files.writeString(
        properties,
        "{\"properties\": [{\"id\": \"bench\", \"keys\": [\""
            + KEY
            + "\"], \"rate_limit_per_second\": 1e9}]}");
    return properties;
  }

  /** The collector's settings: the flags given, with limits lifted for one client address. */
  private static CollectorConfig collectorConfig(
      Settings settings, Path properties, String... overrides) {
    List<String> flags =
        new ArrayList<>(
            List.of("--port=0", "--rate-limit.per-ip=1e9", "--properties-file=" + properties));
    flags.addAll(settings.collectorFlags());
    flags.addAll(List.of(overrides));
    return CollectorConfig.load(flags.toArray(String[]::new), Map.of());
  }

  /**
   * What a run measured: each peak phase's best round, the collector's producer alone at the peak's
   * rate, the collector at half its peak and its producer alone at that rate, and the collector's
   * main steps timed alone.
   */
  private record Measurement(
      List<PhaseResult> rawProducers,
      PhaseResult bare,
      PhaseResult peak,
      PhaseResult collectorsKafka,
      PhaseResult half,
      PhaseResult kafkaAtHalf,
      OwnSteps ownSteps) {

    List<PhaseResult> phases() {
      List<PhaseResult> phases = new ArrayList<>(rawProducers);
      phases.addAll(List.of(bare, peak, collectorsKafka, half, kafkaAtHalf));
      return phases;
    }

    /** The faster raw producer: the Kafka ceiling. */
    PhaseResult kafkaCeiling() {
      return rawProducers.stream()
          .max(Comparator.comparingDouble(PhaseResult::eventsPerSecond))
          .orElseThrow();
    }

    /** The lower of the two ceilings: the bare server, or the faster raw producer. */
    double lowerCeiling() {
      return Math.min(kafkaCeiling().eventsPerSecond(), bare.eventsPerSecond());
    }
  }

  /**
   * Runs the peak phases in rounds, alternating, and keeps each phase's best round: other work on
   * the machine then hurts one round of a phase, not the comparison. The half-peak phase runs last,
   * at half the best collector peak.
   */
  private static Measurement measure(
      String bootstrap,
      OptionalLong brokerPid,
      CollectorConfig config,
      List<CollectorConfig> rawProducerConfigs,
      Settings settings,
      int eventLoops,
      List<String> bodies,
      OwnSteps ownSteps,
      Path dir)
      throws Exception {
    Wrk wrk = Wrk.posting(bodies, KEY, dir);
    List<BeaconSink.Batch> batches = kafkaBatches(settings.eventsPerRequest());
    int barePort = FreePorts.onLoopback();
    List<BeaconSink> rawProducers = new ArrayList<>();
    try (BareHttpServer bare = BareHttpServer.start(barePort, eventLoops);
        Collector collector = Collector.start(config, bootstrap);
        BeaconSink collectorsProducer = new BeaconSink(bootstrap, config, error -> {})) {
      collectorsProducer.awaitTopics(Duration.ofSeconds(30));
      for (CollectorConfig rawConfig : rawProducerConfigs) {
        BeaconSink sink = new BeaconSink(bootstrap, rawConfig, error -> {});
        rawProducers.add(sink);
        sink.awaitTopics(Duration.ofSeconds(30));
      }
      String bareUrl = "http://127.0.0.1:" + barePort + "/v1/beacons";
      String collectorUrl = collector.url() + "/v1/beacons";
      for (BeaconSink sink : rawProducers) {
        driveKafka(sink, batches, settings.connections(), 0, settings.warmup());
      }
      wrk.closedLoop(bareUrl, settings.connections(), settings.warmup());
      wrk.closedLoop(collectorUrl, settings.connections(), settings.warmup());
      PhaseResult[] kafkaBest = new PhaseResult[rawProducers.size()];
      PhaseResult bareBest = null;
      PhaseResult collectorBest = null;
      double seconds = settings.phaseSeconds();
      for (int round = 0; round < settings.rounds(); round++) {
        for (int i = 0; i < rawProducers.size(); i++) {
          BeaconSink sink = rawProducers.get(i);
          int inFlight = rawProducerConfigs.get(i).kafkaMaxInFlight();
          kafkaBest[i] =
              best(
                  kafkaBest[i],
                  withCpu(
                      brokerPid,
                      seconds,
                      () ->
                          PhaseResult.of(
                              "raw Kafka producer, in-flight " + inFlight,
                              driveKafka(
                                  sink, batches, settings.connections(), 0, settings.phase()),
                              seconds,
                              settings.eventsPerRequest())));
        }
        bareBest =
            best(
                bareBest, closedLoop(wrk, "bare HTTP 204 (ceiling)", bareUrl, settings, brokerPid));
        collectorBest =
            best(
                collectorBest,
                closedLoop(wrk, "collector, peak", collectorUrl, settings, brokerPid));
      }
      // What Kafka costs as the collector uses it: the same records, its producer settings, its
      // rate. The raw producer's phase can batch more, as it never waits for an answer to go out.
      long peakInterval = (long) (1e9 / collectorBest.requestsPerSecond());
      PhaseResult collectorsKafka =
          withCpu(
              brokerPid,
              seconds,
              () ->
                  PhaseResult.of(
                      "Kafka alone at the peak's rate",
                      driveKafka(
                          collectorsProducer,
                          batches,
                          settings.connections(),
                          peakInterval,
                          settings.phase()),
                      seconds,
                      settings.eventsPerRequest()));
      // No CPU figures here: the phase includes a calibration run its request count leaves out.
      PhaseResult half =
          PhaseResult.of(
              "collector at ~half its peak",
              wrk.paced(
                  collectorUrl,
                  settings.connections(),
                  collectorBest.requestsPerSecond() / 2,
                  collectorBest.p50Ms(),
                  settings.phase()),
              settings.eventsPerRequest());
      // Kafka's part of that latency: the collector's producer settings, one request's records
      // at a time, at the rate just reached.
      PhaseResult kafkaAtHalf =
          PhaseResult.of(
              "Kafka alone at that rate",
              driveKafka(
                  collectorsProducer,
                  batches,
                  settings.connections(),
                  (long) (1e9 / half.requestsPerSecond()),
                  settings.phase()),
              seconds,
              settings.eventsPerRequest());
      return new Measurement(
          List.of(kafkaBest),
          bareBest,
          collectorBest,
          collectorsKafka,
          half,
          kafkaAtHalf,
          ownSteps);
    } finally {
      rawProducers.forEach(BeaconSink::close);
    }
  }

  /**
   * The raw producer is the Kafka ceiling, so it runs at its best: with the collector's settings
   * but no linger (in a closed loop a linger only adds waiting), and with both the collector's
   * number of produce requests in flight and one (which, with many batches waiting, sends fewer and
   * larger requests). The faster is the ceiling.
   */
  private static List<CollectorConfig> rawProducerConfigs(
      Settings settings, Path properties, CollectorConfig collector) {
    List<CollectorConfig> configs = new ArrayList<>();
    configs.add(collectorConfig(settings, properties, "--kafka.linger-ms=0"));
    if (collector.kafkaMaxInFlight() != 1) {
      configs.add(
          collectorConfig(settings, properties, "--kafka.linger-ms=0", "--kafka.max-in-flight=1"));
    }
    return configs;
  }

  /** A closed-loop wrk phase against {@code url}, with its CPU per request. */
  private static PhaseResult closedLoop(
      Wrk wrk, String name, String url, Settings settings, OptionalLong brokerPid)
      throws Exception {
    return withCpu(
        brokerPid,
        settings.phaseSeconds(),
        () ->
            PhaseResult.of(
                name,
                wrk.closedLoop(url, settings.connections(), settings.phase()),
                settings.eventsPerRequest()));
  }

  /** A phase run, for {@link #withCpu}. */
  private interface Phase {
    PhaseResult run() throws Exception;
  }

  /** Runs the phase and adds what it cost in CPU per request, when the system tells. */
  private static PhaseResult withCpu(OptionalLong brokerPid, double seconds, Phase phase)
      throws Exception {
    ProcessCpu cpu = ProcessCpu.start(brokerPid);
    PhaseResult result = phase.run();
    return cpu == null
        ? result
        : result.withCpu(cpu.perRequest(result.requestsPerSecond() * seconds));
  }

  private static PhaseResult best(PhaseResult kept, PhaseResult measured) {
    return kept == null || measured.eventsPerSecond() > kept.eventsPerSecond() ? measured : kept;
  }

  /**
   * Sends a batch every {@code intervalNanos} (0: as fast as Kafka acknowledges) with at most
   * {@code concurrency} in flight, like the collector with that many connections. Latency runs from
   * each send to its acknowledgement.
   */
  private static LatencyRecorder driveKafka(
      BeaconSink sink,
      List<BeaconSink.Batch> batches,
      int concurrency,
      long intervalNanos,
      Duration duration)
      throws InterruptedException {
    LatencyRecorder latencies = new LatencyRecorder(2_000_000);
    Semaphore inFlight = new Semaphore(concurrency);
    long begin = System.nanoTime();
    long end = begin + duration.toNanos();
    for (int i = 0; System.nanoTime() < end; i++) {
      long due = begin + i * intervalNanos;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        continue;
      }
      long start = System.nanoTime();
      sink.send(
          batches.get(i % batches.size()),
          failure -> {
            latencies.record(System.nanoTime() - start, failure == null);
            inFlight.release();
          });
    }
    inFlight.acquire(concurrency);
    return latencies;
  }

  private static List<String> requestBodies(int eventsPerRequest) {
    List<String> bodies = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int request = 0; request < 16; request++) {
      StringBuilder body = new StringBuilder("{\"events\":[");
      for (int i = 0; i < eventsPerRequest; i++) {
        BeaconEvent event = event(request, i, now);
        body.append(i == 0 ? "" : ",")
            .append(
                String.format(
                    Locale.ROOT,
                    "{\"v\":1,\"session_id\":\"%s\",\"seq\":%d,\"type\":\"heartbeat\",\"ts\":%d,"
                        + "\"playhead_ms\":%d,\"asset_id\":\"asset-%d\",\"player_name\":\"bench\"}",
                    event.sessionId(),
                    event.seq(),
                    event.ts(),
                    event.playheadMs(),
                    request % 50));
      }
      bodies.add(body.append("]}").toString());
    }
    return bodies;
  }

  /** The records the collector writes for {@link #requestBodies}, with a typical receipt. */
  private static List<BeaconSink.Batch> kafkaBatches(int eventsPerRequest) {
    List<BeaconSink.Batch> batches = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int request = 0; request < 16; request++) {
      BeaconSink.Batch batch = new BeaconSink.Batch();
      Receipt receipt = receipt(now);
      for (int i = 0; i < eventsPerRequest; i++) {
        batch.add(new IngestedBeacon(event(request, i, now), receipt));
      }
      batches.add(batch);
    }
    return batches;
  }

  /** A typical receipt of the bench's requests. */
  static Receipt receipt(long now) {
    return new Receipt(
        now,
        "bench",
        IngestSource.BEACON,
        "127.0.0.0",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static BeaconEvent event(int request, int index, long now) {
    return new BeaconEvent(
        "bench-session-" + (request * 31 + index) % 1000,
        (long) request * 1000 + index,
        EventType.HEARTBEAT,
        now,
        null,
        (long) index * 1000,
        null,
        null);
  }

  private static void print(Measurement measured) {
    List<PhaseResult> results = measured.phases();
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-32s %12s %10s %9s %9s %8s%n",
        "phase",
        "events/s",
        "req/s",
        "p50 ms",
        "p99 ms",
        "errors");
    for (PhaseResult r : results) {
      System.out.printf(
          Locale.ROOT,
          "%-32s %12.0f %10.0f %9.2f %9.2f %8d%n",
          r.name(),
          r.eventsPerSecond(),
          r.requestsPerSecond(),
          r.p50Ms(),
          r.p99Ms(),
          r.errors());
    }
    if (results.get(0).cpu() != null) {
      System.out.println();
      System.out.printf(
          Locale.ROOT, "%-32s %20s %7s %8s%n", "CPU per request (us)", "this JVM", "wrk", "broker");
      for (PhaseResult r : results) {
        if (r.cpu() != null) {
          System.out.printf(Locale.ROOT, "%-32s %s%n", r.name(), r.cpu().format());
        }
      }
    }
    CpuAccounting accounting =
        CpuAccounting.of(
            measured.bare(), measured.kafkaCeiling(), measured.collectorsKafka(), measured.peak());
    if (accounting != null) {
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "CPU per request, all processes: bare HTTP %.1f us + raw producer %.1f us = %.1f us for"
              + " the collector's two jobs alone; the collector %.1f us, so its own work costs"
              + " %.1f us: %.1f us for the smaller Kafka batches that answer sooner (its producer"
              + " alone at its peak's rate: %.1f us) and %.1f us for its code (reading, checking,"
              + " enriching, encoding); that split holds as far as the producer alone batched as"
              + " in the collector: the broker spent %s us per request then, %s us with the"
              + " collector%n",
          accounting.bareHttp(),
          accounting.kafka(),
          accounting.bothJobs(),
          accounting.collector(),
          accounting.ownWork(),
          accounting.smallBatches(),
          accounting.collectorsKafka(),
          accounting.ownCode(),
          measured.collectorsKafka().cpu().brokerText(),
          measured.peak().cpu().brokerText());
      System.out.printf(
          Locale.ROOT,
          "on this machine a collector with no own work would reach at most %.2f of the lower"
              + " ceiling; 0.50 allows %.1f us of own work per request%n",
          accounting.bestRatio(),
          accounting.ownWorkBudget(0.5));
      OwnSteps steps = measured.ownSteps();
      System.out.printf(
          Locale.ROOT,
          "its code's two main steps timed alone (one thread, hot caches, nothing else running):"
              + " reading and checking a request %.1f us + encoding its records %.1f us = %.1f us%n",
          steps.readAndCheck(),
          steps.encode(),
          steps.total());
    }
    PhaseResult peak = measured.peak();
    PhaseResult half = measured.half();
    double ratio = peak.eventsPerSecond() / measured.lowerCeiling();
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "collector peak / lower ceiling = %.2f (target >= 0.50): %s%n",
        ratio,
        ratio >= 0.5 ? "met" : "NOT met");
    System.out.printf(
        Locale.ROOT,
        "p99 at half the collector's peak (%.0f events/s, %.2f of the peak) = %.2f ms (target < 5"
            + " ms): %s%n",
        half.eventsPerSecond(),
        half.eventsPerSecond() / peak.eventsPerSecond(),
        half.p99Ms(),
        half.p99Ms() < 5 ? "met" : "NOT met");
    System.out.printf(
        Locale.ROOT,
        "Kafka alone at that rate (the collector's producer settings): p50 %.2f ms, p99 %.2f ms%n",
        measured.kafkaAtHalf().p50Ms(),
        measured.kafkaAtHalf().p99Ms());
  }
}
