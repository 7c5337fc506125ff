package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Real checkpoints, written by a small job on a MiniCluster (a numbers source whose position is
 * operator state, keyed counters padded so their state goes to files), damaged as a crash or a full
 * disk leaves them: the choice falls back to the previous checkpoint, a run restored from it goes
 * on from there, and when none can be restored the pipeline stops and says what to do.
 */
class RetainedCheckpointsTest {

  /**
   * Two slots, and each job keeps 3 checkpoints: Flink reads that retention from the cluster's
   * configuration only (QoePipelineJob's local cluster is made from its configuration).
   */
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(
                  new Configuration()
                      .set(
                          CheckpointingOptions.MAX_RETAINED_CHECKPOINTS,
                          RetainedCheckpoints.RETAINED))
              .build());

  /** The lowest number and the lowest count the job's counters saw in the current run. */
  static final AtomicLong LOWEST_NUMBER = new AtomicLong();

  static final AtomicLong LOWEST_COUNT = new AtomicLong();

  @TempDir Path dir;

  @Test
  void choosesTheNewestAndKeepsTheThreeNewestAcrossRuns() throws Exception {
    Path root = dir.resolve("flink-checkpoints");
    runUntilCheckpoints(root, null, 3);
    runUntilCheckpoints(root, null, 3);
    List<Path> before = new RetainedCheckpoints(root).completed();
    assertThat(before).hasSize(6);
    assertThat(before.stream().map(Path::getParent).distinct()).hasSize(2);

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Path chosen = new RetainedCheckpoints(root).restorePoint(print(log)).orElseThrow();

    assertThat(chosen).isEqualTo(before.get(0));
    assertThat(new RetainedCheckpoints(root).completed()).isEqualTo(before.subList(0, 3));
    try (Stream<Path> jobs = Files.list(root)) {
      assertThat(jobs).as("the first run's directory").containsExactly(chosen.getParent());
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("deleted", "older than the newest 3");
  }

  @Test
  void aTruncatedNewestMetadataFallsBackToThePreviousCheckpointAndTheRunGoesOnFromIt()
      throws Exception {
    Path root = dir.resolve("flink-checkpoints");
    runUntilCheckpoints(root, null, 3);
    List<Path> before = new RetainedCheckpoints(root).completed();
    Path newest = before.get(0);
    truncateToHalf(newest.resolve("_metadata"));

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    RetainedCheckpoints checkpoints = new RetainedCheckpoints(root);
    Path chosen = checkpoints.restorePoint(print(log)).orElseThrow();

    assertThat(chosen).isEqualTo(before.get(1));
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("refused checkpoint " + newest, "_metadata", "does not load", "moved to");
    assertThat(newest).doesNotExist();
    try (Stream<Path> refused = Files.list(checkpoints.refusedRoot())) {
      assertThat(refused)
          .containsExactly(
              checkpoints
                  .refusedRoot()
                  .resolve(newest.getParent().getFileName() + "-" + newest.getFileName()));
    }
    assertResumesFrom(root, chosen);
  }

  @Test
  void aTruncatedStateFileOfTheNewestFallsBackToThePreviousCheckpointAndTheRunGoesOnFromIt()
      throws Exception {
    Path root = dir.resolve("flink-checkpoints");
    runUntilCheckpoints(root, null, 3);
    List<Path> before = new RetainedCheckpoints(root).completed();
    Path newest = before.get(0);
    Path stateFile = largestStateFile(newest);
    truncateToHalf(stateFile);

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Path chosen = new RetainedCheckpoints(root).restorePoint(print(log)).orElseThrow();

    assertThat(chosen).isEqualTo(before.get(1));
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("refused checkpoint " + newest, stateFile.getFileName().toString(), "recorded");
    assertResumesFrom(root, chosen);
  }

  @Test
  void noRestorableCheckpointStopsWithWhatToDoAndMovesNothing() throws Exception {
    Path root = dir.resolve("flink-checkpoints");
    runUntilCheckpoints(root, null, 3);
    List<Path> before = new RetainedCheckpoints(root).completed();
    for (Path checkpoint : before) {
      truncateToHalf(checkpoint.resolve("_metadata"));
    }

    assertThatThrownBy(() -> new RetainedCheckpoints(root).restorePoint(print(sink())))
        .isInstanceOf(RetainedCheckpoints.NoRestorableCheckpoint.class)
        .hasMessageContaining("none of the " + before.size() + " checkpoints under " + root)
        .hasMessageContaining("--no-resume")
        .hasMessageContaining("written twice");
    assertThat(new RetainedCheckpoints(root).completed()).isEqualTo(before);
  }

  @Test
  void thePipelineExitsNonZeroInsteadOfStartingFromScratch() throws Exception {
    Path root = dir.resolve("flink-checkpoints");
    runUntilCheckpoints(root, null, 3);
    for (Path checkpoint : new RetainedCheckpoints(root).completed()) {
      truncateToHalf(largestStateFile(checkpoint));
    }

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream before = System.err;
    int exit;
    System.setErr(print(err));
    try {
      // Kafka is never reached: the job stops before it is built.
      exit =
          new CommandLine(new QoePipelineJob())
              .execute("--data-dir", dir.toString(), "--bootstrap-servers", "127.0.0.1:1");
    } finally {
      System.setErr(before);
    }

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("can be restored", "--no-resume")
        .doesNotContain("running, Kafka");
  }

  /**
   * Restores a run from {@code checkpoint} and checks that it went on from there: a run started
   * from scratch would see the source's first number, 0, and counts of 1.
   */
  private void assertResumesFrom(Path root, Path checkpoint) throws Exception {
    runUntilCheckpoints(root, checkpoint, 1);
    assertThat(LOWEST_NUMBER.get()).as("lowest number the restored run read").isPositive();
    assertThat(LOWEST_COUNT.get()).as("lowest count of the restored counters").isGreaterThan(1);
  }

  /**
   * Runs the job (restored from {@code restoreFrom} unless null) until it has completed
   * checkpoints, then cancels it.
   */
  private static void runUntilCheckpoints(Path root, Path restoreFrom, int checkpoints)
      throws Exception {
    Set<Path> earlierRuns = new HashSet<>();
    new RetainedCheckpoints(root).completed().forEach(c -> earlierRuns.add(c.getParent()));
    LOWEST_NUMBER.set(Long.MAX_VALUE);
    LOWEST_COUNT.set(Long.MAX_VALUE);
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, root.toUri().toString());
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    if (restoreFrom != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toString());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    // The MiniCluster's environment takes checkpoint storage and restore settings from the job's
    // own configuration, as the local environment of QoePipelineJob takes them from its cluster's.
    env.configure(conf);
    env.setParallelism(2);
    env.enableCheckpointing(100);
    env.fromSource(
            new NumberSequenceSource(0, Long.MAX_VALUE),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .uid("numbers")
        .map(new Throttle())
        .uid("throttle")
        .keyBy(n -> n % 64)
        .process(new PaddedCounter())
        .uid("counter")
        .sinkTo(new DiscardingSink<>());
    JobClient job = env.executeAsync("retained-checkpoints-test");
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> newCheckpoints(root, earlierRuns) >= checkpoints);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      try (Stream<Path> files = Files.walk(root.getParent())) {
        throw new AssertionError(
            "job " + job.getJobStatus().get() + ", files: " + files.limit(50).toList(), e);
      }
    } finally {
      job.cancel().get();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> job.getJobStatus().get().isGloballyTerminalState());
  }

  /** Completed checkpoints of runs other than {@code earlierRuns}. */
  private static long newCheckpoints(Path root, Set<Path> earlierRuns) throws IOException {
    return new RetainedCheckpoints(root)
        .completed().stream().filter(c -> !earlierRuns.contains(c.getParent())).count();
  }

  private static Path largestStateFile(Path checkpoint) throws IOException {
    try (Stream<Path> files = Files.list(checkpoint)) {
      Path file =
          files
              .filter(f -> !f.getFileName().toString().equals("_metadata"))
              .max(Comparator.comparingLong(RetainedCheckpointsTest::size))
              .orElseThrow(() -> new AssertionError("no state file in " + checkpoint));
      assertThat(size(file)).as("size of %s", file).isGreaterThan(1_000);
      return file;
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void truncateToHalf(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() / 2);
    }
  }

  private static PrintStream print(ByteArrayOutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  private static ByteArrayOutputStream sink() {
    return new ByteArrayOutputStream();
  }

  /** A millisecond per number, so checkpoints complete long before the numbers run out. */
  private static final class Throttle implements MapFunction<Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long map(Long n) throws InterruptedException {
      Thread.sleep(1);
      return n;
    }
  }

  /**
   * Counts numbers per key, with 2 KB of padding per key: 64 keys are well over Flink's 20 KB
   * threshold for state inside the _metadata, so each subtask's keyed state is a file.
   */
  private static final class PaddedCounter extends KeyedProcessFunction<Long, Long, Long> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Long> count;
    private transient ValueState<String> padding;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
      padding = getRuntimeContext().getState(new ValueStateDescriptor<>("padding", String.class));
    }

    @Override
    public void processElement(Long n, Context context, Collector<Long> out) throws IOException {
      long counted = count.value() == null ? 1 : count.value() + 1;
      count.update(counted);
      if (padding.value() == null) {
        padding.update("x".repeat(2048));
      }
      LOWEST_NUMBER.accumulateAndGet(n, Math::min);
      LOWEST_COUNT.accumulateAndGet(counted, Math::min);
      out.collect(counted);
    }
  }
}
