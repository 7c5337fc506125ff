package dev.openqoe.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openqoe.cli.ReadyFile;
import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.kafka.PipelineSource;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.process.FreePorts;
import dev.openqoe.simulator.ClockMode;
import dev.openqoe.simulator.SimulationResult;
import dev.openqoe.simulator.Simulator;
import dev.openqoe.simulator.SimulatorConfig;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.TableDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./qoe pipeline} SIGKILLed 20 times while the simulator plays sessions in real time through
 * the collector: at random moments, while a checkpoint is in flight, and just after one completed
 * (while the Iceberg sink commits it). Every Iceberg table then holds the rows of an uninterrupted
 * run, each as often (0 lost, 0 repeated), and each real-time topic the same values per key (a
 * record may come twice: those topics are written at least once). The uninterrupted run reads the
 * same records on a second broker, which a mirror fills as they arrive on the collector's; each
 * pipeline commits its offsets and writes its real-time topics on its own broker.
 *
 * <p>{@code -Dqoe.pipeline-kills=N} changes the number of kills, {@code
 * -Dqoe.pipeline-kills.seed=S} replays a run's moments (the seed is printed).
 */
class PipelineKillIT {

  private static final int KILLS = Integer.getInteger("qoe.pipeline-kills", 20);
  private static final long SEED = Long.getLong("qoe.pipeline-kills.seed", System.nanoTime());
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
  private static final List<QoeTopic<String, String>> REAL_TIME =
      List.of(QoeTopics.SESSIONS, QoeTopics.INTERVALS, QoeTopics.SESSION_DELIVERY);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  /** When a kill comes. */
  private enum Moment {
    /** Anywhere in two checkpoint intervals after the job runs. */
    RANDOM,
    /** Between a checkpoint's trigger and its completion. */
    CHECKPOINT_IN_FLIGHT,
    /** As soon as a checkpoint completed: its Iceberg commit is under way. */
    CHECKPOINT_COMPLETED
  }

  @TempDir Path dir;

  @Test
  void killedTwentyTimesUnderTrafficTheWarehouseAndRealTimeTopicsEqualAnUninterruptedRun()
      throws Exception {
    Random random = new Random(SEED);
    System.err.printf("PipelineKillIT: %d kills, seed %d%n", KILLS, SEED);
    int collectorPort = FreePorts.onLoopback();
    String collectorKafka = "127.0.0.1:" + FreePorts.onLoopback();
    QoePart collector =
        new QoePart(
            Map.of("QOE_COLLECTOR_KAFKA_EMBEDDED_DIR", dir.resolve("kafka").toString()),
            dir.resolve("collector.log"),
            "collector",
            "--config",
            EmbeddedStack.REPOSITORY
                .resolve("ingest/collector/config/collector-embedded.properties")
                .toString(),
            "--port=" + collectorPort,
            "--kafka.embedded-port=" + collectorKafka.substring(collectorKafka.indexOf(':') + 1));
    String collectorUrl = "http://127.0.0.1:" + collectorPort;
    try (collector;
        EmbeddedKafka mirrorKafka = EmbeddedKafka.on(dir.resolve("mirror-kafka"), 0).start()) {
      collector.start(() -> ready(collectorUrl + "/readyz"), START_TIMEOUT);
      mirrorKafka.createTopics(QoeTopics.ALL);
      Path uninterruptedDir = dir.resolve("uninterrupted");
      Path killedDir = dir.resolve("killed");
      try (TopicMirror mirror =
              TopicMirror.start(collectorKafka, mirrorKafka.bootstrapServers(), pipelineInput());
          QoePart uninterrupted = pipeline(uninterruptedDir, mirrorKafka.bootstrapServers());
          QoePart killed = pipeline(killedDir, collectorKafka)) {
        startPipeline(uninterrupted, uninterruptedDir);
        String job = startPipeline(killed, killedDir);

        Simulator simulator = new Simulator(simulatorConfig(collectorUrl), System.err);
        CompletableFuture<SimulationResult> traffic = CompletableFuture.supplyAsync(simulator::run);
        Map<Moment, Integer> kills = new EnumMap<>(Moment.class);
        int checkpointsInFlightAtKill = 0;
        try {
          for (int kill = 1; kill <= KILLS; kill++) {
            Moment moment = Moment.values()[random.nextInt(Moment.values().length)];
            CheckpointMoments checkpoints = new CheckpointMoments(killedDir, job);
            awaitMoment(moment, checkpoints, random);
            OptionalLong inFlight = checkpoints.inFlight();
            killed.kill();
            kills.merge(moment, 1, Integer::sum);
            if (inFlight.isPresent() && !checkpoints.completed(inFlight.getAsLong())) {
              checkpointsInFlightAtKill++;
            }
            long restart = System.nanoTime();
            job = startPipeline(killed, killedDir);
            System.err.printf(
                "PipelineKillIT: kill %d (%s)%s, running again after %.1f s%n",
                kill,
                moment,
                inFlight.isPresent() ? ", checkpoint " + inFlight.getAsLong() + " in flight" : "",
                (System.nanoTime() - restart) / 1e9);
          }
        } finally {
          simulator.stop();
        }
        SimulationResult played = traffic.get();

        AtomicReference<RunContents> expected = new AtomicReference<>();
        AtomicReference<RunContents> actual = new AtomicReference<>();
        await()
            .atMost(Duration.ofMinutes(6))
            .pollInterval(Duration.ofSeconds(10))
            .untilAsserted(
                () -> {
                  expected.set(
                      RunContents.read(
                          uninterruptedDir, mirrorKafka.bootstrapServers(), REAL_TIME));
                  assertThat(expected.get().rowCounts().get(QoeTables.ODS_BEACONS.name()))
                      .as("beacons the uninterrupted run stored of those accepted")
                      .isEqualTo(played.delivery().beaconsAccepted());
                  assertThat(expected.get().openSessions())
                      .as("sessions the uninterrupted run has not closed yet")
                      .isEmpty();
                  actual.set(RunContents.read(killedDir, collectorKafka, REAL_TIME));
                  assertThat(actual.get().differencesFrom(expected.get())).isEmpty();
                });

        RunContents clean = expected.get();
        RunContents crashed = actual.get();
        System.err.printf(
            "PipelineKillIT: %d kills %s, %d with a checkpoint in flight; %d sessions, %d beacons"
                + " sent; %d records mirrored; %d warehouse rows compared in %d tables (%s);"
                + " lost %d, repeated %d; real-time records %s against keys %s%n",
            KILLS,
            kills,
            checkpointsInFlightAtKill,
            played.sessions().size(),
            played.delivery().beaconsSent(),
            mirror.copied(),
            clean.rowCount(),
            clean.tables().size(),
            clean.rowCounts(),
            crashed.rowsLostAgainst(clean),
            crashed.rowsDuplicatedAgainst(clean),
            crashed.topicRecords(),
            clean.topicKeys());
        assertThat(crashed.rowsLostAgainst(clean)).isZero();
        assertThat(crashed.rowsDuplicatedAgainst(clean)).isZero();
        for (TableDefinition table :
            List.of(
                QoeTables.ODS_BEACONS,
                QoeTables.DWD_SESSIONS,
                QoeTables.DWD_INTERVALS,
                QoeTables.DWS_MINUTE)) {
          assertThat(clean.rowCounts().get(table.name()))
              .as("rows in " + table.name())
              .isPositive();
        }
        assertThat(checkpointsInFlightAtKill)
            .as("kills that came while a checkpoint was in flight")
            .isPositive();
        assertThat(kills.getOrDefault(Moment.CHECKPOINT_COMPLETED, 0))
            .as("kills just after a checkpoint completed")
            .isPositive();
      }
    }
  }

  private QoePart pipeline(Path dataDir, String kafka) {
    return new QoePart(
        Map.of(),
        dir.resolve(dataDir.getFileName() + ".log"),
        "pipeline",
        "--bootstrap-servers",
        kafka,
        "--data-dir",
        dataDir.toString(),
        "--checkpoint-interval",
        CHECKPOINT_INTERVAL.toMillis() + "ms",
        // Sessions the simulator leaves when it stops close a minute of receive time after their
        // last beacon, not 2. Well above the 10 s heartbeat: a timeout near it turns on whether
        // a periodic watermark or the next beacon comes first, which no two runs share.
        "--inactivity-timeout",
        "60s",
        "--ready-file",
        readyFile(dataDir).toString());
  }

  /** Starts (or restarts) a pipeline and returns the id of the job it runs. */
  private String startPipeline(QoePart pipeline, Path dataDir) throws Exception {
    Path readyFile = readyFile(dataDir);
    ReadyFile.withdraw(readyFile); // a killed run leaves its own
    pipeline.start(() -> Files.exists(readyFile), START_TIMEOUT);
    return ReadyFile.read(readyFile).orElseThrow().get("job");
  }

  private Path readyFile(Path dataDir) {
    return dir.resolve(dataDir.getFileName() + ".ready");
  }

  private static void awaitMoment(Moment moment, CheckpointMoments checkpoints, Random random) {
    switch (moment) {
      case RANDOM ->
          // the moment itself is what is random, not a wait for something
          LockSupport.parkNanos(
              Duration.ofMillis(random.nextLong(2 * CHECKPOINT_INTERVAL.toMillis())).toNanos());
      case CHECKPOINT_IN_FLIGHT ->
          await()
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(5))
              .until(() -> checkpoints.inFlight().isPresent());
      case CHECKPOINT_COMPLETED -> {
        long before = checkpoints.newestCompleted();
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(5))
            .until(() -> checkpoints.newestCompleted() > before);
      }
    }
  }

  /** Every topic a pipeline source reads. */
  private static List<String> pipelineInput() {
    return Arrays.stream(PipelineSource.values())
        .flatMap(source -> source.defaultTopics().stream())
        .distinct()
        .toList();
  }

  private SimulatorConfig simulatorConfig(String collectorUrl) {
    return SimulatorConfig.DEFAULTS
        .builder()
        .collector(URI.create(collectorUrl + "/v1/beacons"))
        .clock(ClockMode.REAL_TIME)
        .rate(2.0)
        // more than it can start before the kills end; stop() ends the run
        .sessions(100_000)
        .maxSessionLength(SimulatorConfig.SHORTEST_SESSION_LIMIT)
        .seed(SEED)
        .progressInterval(Duration.ofMinutes(1))
        .groundTruthDir(dir.resolve("truth"))
        .build();
  }

  private static boolean ready(String url) {
    try {
      HttpResponse<Void> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }
}
