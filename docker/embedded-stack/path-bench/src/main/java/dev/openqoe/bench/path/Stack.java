package dev.openqoe.bench.path;

import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.kafka.TopicCreator;
import dev.openqoe.process.FreePorts;
import dev.openqoe.simulator.Catalog;
import dev.openqoe.simulator.GeoIpDatabases;
import dev.openqoe.stack.up.StackPart;
import dev.openqoe.stack.up.StackPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The parts one phase runs, started as {@code qoe up} starts them ({@link StackPlan}: the same
 * {@code ./qoe <part>} command lines, environment and readiness contracts) on free ports, with data
 * in a directory of the phase's own. The collector (with its development broker) always runs: its
 * broker is the stack's Kafka. Its only changes from {@code qoe up}: a property whose ingest key
 * has no request rate limit and no per-address limit, since the benchmark measures capacity, not
 * abuse protection.
 */
final class Stack implements AutoCloseable {

  static final String COLLECTOR = "collector";
  static final String PINOT = "pinot";
  static final String PIPELINE = "pipeline";
  static final String INGEST_KEY = "bench-key";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private final StackPlan plan;
  private final List<PartProcess> started = new ArrayList<>();

  private Stack(StackPlan plan) {
    this.plan = plan;
  }

  /**
   * Starts the collector and {@code parts} ({@link #PINOT}, {@link #PIPELINE}) in {@code qoe up}'s
   * order; stops what it started if one fails. {@code created} gets the stack before its first part
   * starts.
   */
  static Stack start(
      Path home, Path dir, Set<String> parts, PrintStream progress, Consumer<Stack> created)
      throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    StackPlan plan =
        new StackPlan(
            home,
            dir,
            true,
            1,
            1,
            FreePorts.onLoopback(),
            FreePorts.onLoopback(),
            FreePorts.onLoopback(),
            FreePorts.onLoopback(),
            FreePorts.onLoopback(),
            home.resolve("stream-jobs/slo/config/slo.yaml"),
            List.of(),
            false,
            0,
            FreePorts.onLoopback());
    GeoIpDatabases.write(Catalog.standard(), plan.geoIpDir());
    Path properties = dir.resolve("bench-properties.json");
    Files.writeString(
        properties,
        "{\"properties\": [{\"id\": \"bench\", \"keys\": [\""
            + INGEST_KEY
            + "\"], \"rate_limit_per_second\": 1e9}]}");
    Stack stack = new Stack(plan);
    // Known before its first part starts: a Ctrl-C while a part starts stops that part too.
    created.accept(stack);
    try {
      for (StackPart part : plan.parts()) {
        boolean wanted = part.name().equals(COLLECTOR) || parts.contains(part.name());
        if (!wanted) {
          continue;
        }
        List<String> extra =
            part.name().equals(COLLECTOR)
                ? List.of("--properties-file=" + properties, "--rate-limit.per-ip=1e9")
                : List.of();
        long start = System.nanoTime();
        PartProcess process;
        synchronized (stack) {
          process = PartProcess.start(part, extra, dir.resolve("logs"));
          stack.started.add(process);
        }
        process.awaitReady(START_TIMEOUT);
        if (part.name().equals(COLLECTOR)) {
          // qoe up's delivery-chain normaliser and SLO evaluator create the topics they write,
          // which the pipeline reads; they do not run here (no delivery-chain records, no
          // alerts), so their topics are made up front, or the pipeline's sources fail over.
          TopicCreator.createMissing(plan.kafkaBootstrap(), QoeTopics.ALL, (short) 1);
        }
        progress.printf(
            Locale.ROOT,
            "bench-path:   %s ready in %.0f s (pid %d, log %s)%n",
            part.name(),
            (System.nanoTime() - start) / 1e9,
            process.pid(),
            process.log());
      }
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  String kafkaBootstrap() {
    return plan.kafkaBootstrap();
  }

  URI beaconsUrl() {
    return URI.create(plan.collectorUrl() + "/v1/beacons");
  }

  URI pinotController() {
    return URI.create("http://127.0.0.1:" + plan.pinotControllerPort());
  }

  List<PartProcess> parts() {
    return Collections.unmodifiableList(started);
  }

  /** Stops the parts in the reverse of their start order, each by its PID. */
  @Override
  public synchronized void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
    started.clear();
  }

  /** The directory a phase's files go to, also removed by the caller at the end. */
  static Path directory(Path root, String phase) throws IOException {
    return Files.createDirectories(root.resolve(phase));
  }
}
