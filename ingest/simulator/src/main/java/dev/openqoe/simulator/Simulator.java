package dev.openqoe.simulator;

import dev.openqoe.protocol.BeaconEvent;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Plays simulated viewers' sessions against a collector and returns (and writes) the ground truth:
 * the facts each session should produce in the pipeline. Embed it with {@code new
 * Simulator(config).run()}; {@link #stop()} from another thread ends a run early.
 */
public final class Simulator {

  /** Most beacons in one request of a fast run: well under the collector's 500 and 256 KiB. */
  static final int FAST_REQUEST_BEACONS = 200;

  private final SimulatorConfig config;
  private final PrintStream log;
  private final String sessionPrefix;
  private volatile boolean stopped;

  /** A simulator that reports progress and problems on standard error. */
  public Simulator(SimulatorConfig config) {
    this(config, System.err);
  }

  /**
   * @throws IllegalArgumentException when the configuration cannot work, saying why
   */
  public Simulator(SimulatorConfig config, PrintStream log) {
    ConfigCheck.check(config);
    this.config = config;
    this.log = log;
    this.sessionPrefix =
        config.sessionPrefix() != null
            ? config.sessionPrefix()
            : "sim-" + Long.toString(System.currentTimeMillis() / 1000, 36);
  }

  /** Asks a run to end: no new sessions start, open ones stop sending within a heartbeat. */
  public void stop() {
    stopped = true;
  }

  /** Runs every session, then writes the ground truth files if configured. */
  public SimulationResult run() {
    DeliveryStats stats = new DeliveryStats();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    CollectorClient client =
        new CollectorClient(
            http,
            config.ingestKey(),
            config.giveUpAfter(),
            stats,
            problem -> log.println("simulate: " + problem));
    BeaconSender sender = new BeaconSender(client, config.collector(), stats);
    List<SessionTruth> truths = Collections.synchronizedList(new ArrayList<>());
    long runStart = System.currentTimeMillis();
    long startNanos = System.nanoTime();
    boolean fast = config.clock() == ClockMode.FAST;
    // Fast runs end their last session by now, so no timestamp is ahead of the collector's clock.
    long originTs = fast ? Scenario.fastOrigin(config, runStart) : runStart;
    Scenario scenario = new Scenario(config, sessionPrefix, originTs);
    Semaphore open = new Semaphore(config.openSessionLimit());
    List<JobStateChange> jobs =
        config.ops()
            ? TranscodeJobs.plan(
                config.catalog(),
                config.incidents(),
                originTs,
                fast ? runStart : Long.MAX_VALUE,
                config.seed())
            : List.of();
    OpsSender opsSender =
        config.ops() ? new OpsSender(client, config.opsKey(), config.collector(), stats) : null;
    OpsFiles opsFiles =
        config.ops() && config.beaconsFile() != null ? new OpsFiles(config.beaconsFile()) : null;
    OpsStream ops = new OpsStream(Stream.of(opsSender, opsFiles).filter(Objects::nonNull).toList());
    ops.add(OpsRecord.of(jobs));
    // In real time, records go out as their time comes, whatever the sessions are doing.
    ScheduledExecutorService opsClock =
        fast || !config.ops() ? null : Executors.newSingleThreadScheduledExecutor();
    if (opsClock != null) {
      opsClock.scheduleAtFixedRate(
          () -> ops.release(System.currentTimeMillis()), 1, 1, TimeUnit.SECONDS);
    }
    log.println(
        "simulate: "
            + config.sessions()
            + " sessions, "
            + config.clock().wireName()
            + " clock, seed "
            + config.seed()
            + ", to "
            + config.collector()
            + (config.incidents().isEmpty() ? "" : ", incidents " + config.incidents()));
    try (ProgressReporter progress = new ProgressReporter(stats, log, config.progressInterval());
        BeaconFile beaconFile = BeaconFile.open(config.beaconsFile())) {
      for (int i = 0; i < config.sessions() && !stopped && client.fatalProblem() == null; i++) {
        SimulatedSession session;
        if (fast) {
          open.acquire();
          session = scenario.nextFast();
        } else {
          waitUntil(startNanos + (long) (i * 1e9 / config.rate()));
          open.acquire();
          session = scenario.nextAt(System.currentTimeMillis());
        }
        SessionPlan plan = session.plan();
        beaconFile.write(session);
        if (config.ops()) {
          ops.add(OpsRecord.of(session.delivery()));
          if (fast) {
            // Sessions start in time order, and nothing of a session happens before its start.
            ops.release(session.intended().startedAt());
          }
        }
        stats.sessionsStarted.incrementAndGet();
        play(session, sender, client, fast)
            .whenComplete(
                (delivery, failure) -> {
                  if (failure != null) {
                    log.println(
                        "simulate: BUG: session " + plan.sessionId() + " failed: " + failure);
                  }
                  truths.add(
                      SessionTruth.of(
                          session, failure != null ? Delivery.INCOMPLETE : delivery, config.ops()));
                  stats.sessionsFinished.incrementAndGet();
                  open.release();
                });
      }
      open.acquire(config.openSessionLimit());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
    if (opsClock != null) {
      opsClock.shutdownNow();
    }
    finishOps(ops, fast, stats);
    if (opsSender != null) {
      opsSender.drained().join();
    }
    if (opsFiles != null) {
      opsFiles.close();
    }
    List<SessionTruth> sorted = new ArrayList<>(truths);
    sorted.sort(Comparator.comparing(t -> t.plan().sessionId()));
    SimulationResult result =
        new SimulationResult(
            config,
            sorted,
            stats,
            originTs,
            sorted.stream().mapToLong(t -> t.intended().startedAt()).min().orElse(originTs),
            sorted.stream().mapToLong(t -> t.intended().endedAt()).max().orElse(originTs),
            jobs,
            Duration.ofNanos(System.nanoTime() - startNanos),
            client.fatalProblem());
    if (config.groundTruthDir() != null) {
      GroundTruthFiles.write(config.groundTruthDir(), result);
    }
    log.println(RunReport.of(result));
    return result;
  }

  /** Sends a session's batches one after the other, in real time when the clock says so. */
  private CompletableFuture<Delivery> play(
      SimulatedSession session, BeaconSender sender, CollectorClient client, boolean fast) {
    CompletableFuture<Delivery> chain = CompletableFuture.completedFuture(Delivery.DELIVERED);
    for (BeaconBatch batch : fast ? coalesce(session.batches()) : session.batches()) {
      chain =
          chain.thenCompose(
              sofar -> {
                if (sofar == Delivery.CUT_OFF) {
                  return CompletableFuture.completedFuture(sofar);
                }
                long wait = fast ? 0 : batch.sendAt() - System.currentTimeMillis();
                CompletableFuture<Void> due =
                    wait <= 0
                        ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.runAsync(
                            () -> {},
                            CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS));
                return due.thenCompose(
                    ready -> {
                      if (stopped || client.fatalProblem() != null) {
                        return CompletableFuture.completedFuture(Delivery.CUT_OFF);
                      }
                      return sender
                          .send(batch, session.plan())
                          .thenApply(ok -> ok ? sofar : Delivery.INCOMPLETE);
                    });
              });
    }
    return chain;
  }

  /**
   * Sends what is left of the delivery chain: everything in a fast run; in real time what has
   * happened by now, the rest (requests cut-off sessions would still have made, a job still
   * running) is counted as unsent.
   */
  private void finishOps(OpsStream ops, boolean fast, DeliveryStats stats) {
    if (fast && !stopped) {
      ops.releaseAll();
      return;
    }
    ops.releaseBefore(System.currentTimeMillis() + 1);
    int unsent = ops.discard();
    stats.opsRecordsUnsent.addAndGet(unsent);
    if (unsent > 0) {
      log.println(
          "simulate: "
              + unsent
              + " delivery-chain records not sent: their time had not come when the run ended");
    }
  }

  /**
   * A fast run is a backfill: no player's pacing to keep, so a session's batches go in as few
   * requests as the size limit allows, in order.
   */
  private static List<BeaconBatch> coalesce(List<BeaconBatch> batches) {
    List<BeaconBatch> requests = new ArrayList<>();
    List<BeaconEvent> pending = new ArrayList<>();
    for (BeaconBatch batch : batches) {
      if (!pending.isEmpty() && pending.size() + batch.beacons().size() > FAST_REQUEST_BEACONS) {
        requests.add(new BeaconBatch(pending));
        pending.clear();
      }
      pending.addAll(batch.beacons());
    }
    if (!pending.isEmpty()) {
      requests.add(new BeaconBatch(pending));
    }
    return requests;
  }

  private void waitUntil(long nanos) throws InterruptedException {
    long remaining;
    while (!stopped && (remaining = nanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(remaining, 200_000_000L));
    }
  }
}
