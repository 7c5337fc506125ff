package dev.openqoe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.ingest.kafka.BeaconSink;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.IngestedBeacon;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development broker's disk filling up under the collector (a 64 MiB tmpfs, filled by a file):
 * the collector answers 503 {@code disk_full} naming the directory and its free space before the
 * broker hits the wall (which would halt the broker and the collector's JVM with it), is not ready
 * meanwhile, and accepts again once the file is gone. Every beacon answered 2xx is in the topic,
 * and nothing was answered other than 2xx or 503. Mounting needs root; elsewhere the test is
 * skipped, saying so.
 */
class BrokerDiskFullIT {

  private static final long DISK_BYTES = 64L << 20;
  private static final long FLOOR_BYTES = 16L << 20;

  @TempDir Path dir;

  @Test
  void refusesWith503BeforeTheDiskIsFullAndAcceptsOnceSpaceReturnsLosingNothingAcknowledged()
      throws Exception {
    Path disk = Files.createDirectories(dir.resolve("disk"));
    mountTmpfs(disk);
    // Should the broker still fill its disk, it fails this test instead of halting the JVM.
    Exit.setHaltProcedure(
        (status, message) -> {
          throw new IllegalStateException("Kafka tried to halt the JVM: " + message);
        });
    try {
      Path kafkaDir = disk.resolve("kafka");
      EmbeddedKafka kafka = EmbeddedKafka.on(kafkaDir, 0).start();
      try {
        kafka.createTopics(BeaconSink.TOPICS);
        fillAndFree(kafka, disk, kafkaDir);
      } finally {
        kafka.stop();
      }
    } finally {
      Exit.resetHaltProcedure();
      unmount(disk);
    }
  }

  private void fillAndFree(EmbeddedKafka kafka, Path disk, Path kafkaDir) throws Exception {
    String session = Beacons.sessionId();
    try (TestCollector collector =
            TestCollector.startBesideEmbeddedBroker(
                kafka,
                "--kafka.embedded-dir=" + kafkaDir,
                "--kafka.embedded-min-free-bytes=" + FLOOR_BYTES);
        TopicReader<IngestedBeacon> topic =
            new TopicReader<>(kafka.bootstrapServers(), QoeTopics.BEACONS);
        Sender sender = new Sender(collector, session)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> sender.answered(200) >= 20);

      // Down to half the floor: the guard must trip, and the broker still has room.
      Path filler = disk.resolve("filler");
      long filledFrom = sender.sent();
      fill(filler, Files.getFileStore(disk).getUsableSpace() - FLOOR_BYTES / 2);
      long filled = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> sender.firstAfter(filledFrom, 503) != null);
      double refusedAfter = (System.nanoTime() - filled) / 1e9;
      String refusal = sender.firstAfter(filledFrom, 503);
      assertThat(refusal).contains("\"error\":\"disk_full\"", kafkaDir.toString(), "MiB free");
      HttpResponse<String> notReady = collector.get("/readyz");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("disk_full", kafkaDir.toString());
      long refusedFrom = sender.sent();
      await().atMost(Duration.ofSeconds(5)).until(() -> sender.sent() > refusedFrom + 50);

      Files.delete(filler);
      long freed = System.nanoTime();
      long freedFrom = sender.sent();
      await().atMost(Duration.ofSeconds(10)).until(() -> sender.firstAfter(freedFrom, 200) != null);
      double acceptedAfter = (System.nanoTime() - freed) / 1e9;
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> collector.get("/readyz").statusCode() == 200);
      sender.close();

      Map<Integer, Long> statuses = sender.statusCounts();
      assertThat(statuses.keySet()).as("answers other than 2xx and 503").containsOnly(200, 503);
      assertThat(statuses.get(503)).as("beacons refused while the disk was full").isPositive();
      Set<Long> acknowledged = sender.acknowledged();
      Set<Long> stored =
          topic.await(acknowledged.size(), r -> r.key().equals(session)).stream()
              .map(r -> r.value().event().seq())
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(stored).containsAll(acknowledged);
      System.out.printf(
          "disk full: first 503 %.1f s after the fill, first 200 %.1f s after the filler went;"
              + " %d beacons answered 200 (all %d in the topic), %d answered 503 %s%n",
          refusedAfter,
          acceptedAfter,
          acknowledged.size(),
          acknowledged.size(),
          statuses.get(503),
          refusal);
    }
  }

  /** Mounts a tmpfs of {@link #DISK_BYTES} on {@code where}, or skips the test saying why not. */
  private static void mountTmpfs(Path where) throws Exception {
    Result mount =
        run("mount", "-t", "tmpfs", "-o", "size=" + DISK_BYTES, "tmpfs", where.toString());
    Assumptions.assumeTrue(
        mount.exit() == 0,
        "a full disk is tried on a small tmpfs, and mounting one needs root (CAP_SYS_ADMIN);"
            + " mount said: "
            + mount.output());
  }

  /**
   * Unmounts {@code where}; lazily when the stopped broker's memory-mapped index files still hold
   * it (they are unmapped when collected), so that the temporary directory can go.
   */
  private static void unmount(Path where) throws Exception {
    if (run("umount", where.toString()).exit() != 0) {
      Result lazy = run("umount", "-l", where.toString());
      assertThat(lazy.exit()).as("umount -l %s: %s", where, lazy.output()).isZero();
    }
  }

  /** Writes {@code bytes} of zeros: tmpfs gives pages to what is written, not to sparse files. */
  private static void fill(Path file, long bytes) throws IOException {
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, String.join(" ", command) + " did not end within 30 s");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
  }

  /**
   * Posts one beacon after another (seq 0, 1, 2...) of one session on a thread of its own, and
   * keeps each answer's status, and the body of each status's first answer after a given seq.
   */
  private static final class Sender implements AutoCloseable {
    private final TestCollector collector;
    private final String session;
    private final AtomicLong next = new AtomicLong();
    private final Map<Long, Integer> statusBySeq = new ConcurrentSkipListMap<>();
    private final Map<Long, String> bodyBySeq = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopped;

    Sender(TestCollector collector, String session) {
      this.collector = collector;
      this.session = session;
      this.thread = new Thread(this::run, "disk-full-sender");
      thread.start();
    }

    private void run() {
      while (!stopped) {
        long seq = next.getAndIncrement();
        String type = seq == 0 ? "play_request" : "heartbeat";
        try {
          HttpResponse<String> answer = collector.postBeacons(Beacons.event(session, seq, type));
          bodyBySeq.put(seq, answer.body());
          statusBySeq.put(seq, answer.statusCode());
        } catch (RuntimeException e) {
          // No answer at all (the collector gone): a status of its own, which the test refuses.
          bodyBySeq.put(seq, e.toString());
          statusBySeq.put(seq, -1);
        }
      }
    }

    long sent() {
      return next.get();
    }

    long answered(int status) {
      return statusBySeq.values().stream().filter(s -> s == status).count();
    }

    /**
     * The body of the first answer with {@code status} to a beacon of seq {@code from} or later.
     */
    String firstAfter(long from, int status) {
      for (Map.Entry<Long, Integer> answer : statusBySeq.entrySet()) {
        if (answer.getKey() >= from && answer.getValue() == status) {
          return bodyBySeq.get(answer.getKey());
        }
      }
      return null;
    }

    Map<Integer, Long> statusCounts() {
      return statusBySeq.values().stream()
          .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }

    Set<Long> acknowledged() {
      return statusBySeq.entrySet().stream()
          .filter(answer -> answer.getValue() / 100 == 2)
          .map(Map.Entry::getKey)
          .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      thread.join(TimeUnit.SECONDS.toMillis(40));
    }
  }
}
