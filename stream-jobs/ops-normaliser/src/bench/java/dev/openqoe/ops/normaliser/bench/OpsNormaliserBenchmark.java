package dev.openqoe.ops.normaliser.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.ops.normaliser.OpsNormaliser;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The normaliser's throughput against Kafka Streams' own ceiling on the same input: N CloudFront
 * standard log lines (with CMCD, in records of a few lines with their header, as the collector
 * stores POSTed batches) in the raw topic of the development broker (in-process), read once by a
 * pass-through topology that copies each record's bytes and once by the real normaliser topology,
 * both exactly once as the normaliser runs. Run with {@code
 * stream-jobs/ops-normaliser/bench/normaliser-benchmark.sh [lines] [lines-per-record]}.
 */
public final class OpsNormaliserBenchmark {

  private static final String COPY_TOPIC = "bench.ops.raw.copy";
  private static final int ROUNDS = 3;
  private static final Duration STALLED = Duration.ofSeconds(60);
  private static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private OpsNormaliserBenchmark() {}

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int linesPerRecord = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path dir = Files.createTempDirectory("qoe-ops-bench");
    try (EmbeddedKafka kafka = EmbeddedKafka.on(dir.resolve("kafka"), 0).start()) {
      kafka.stopAndDeleteAtExit();
      kafka.createTopics(QoeTopics.ALL);
      int records = load(kafka.bootstrapServers(), lines, linesPerRecord);
      System.out.printf(
          Locale.ROOT,
          "ops normaliser benchmark: %,d CloudFront standard log lines in %,d raw records"
              + " (%d lines each, with header), exactly once, one stream thread%n",
          lines,
          records,
          linesPerRecord);
      // Alternating rounds, best of each: neither pays alone for class loading, JIT or the
      // broker's first consumer group, and a noisy moment hurts one round, not the result.
      Run copy = null;
      Run normaliser = null;
      for (int round = 1; round <= ROUNDS; round++) {
        String copyTopic = COPY_TOPIC + "." + round;
        kafka.createTopic(copyTopic, QoeTopics.OPS_RAW_CLOUDFRONT.partitions());
        Run roundCopy =
            run(
                kafka.bootstrapServers(),
                "bench-copy-" + round,
                dir.resolve("state"),
                passThrough(copyTopic),
                copyTopic,
                records);
        freshOutputTopics(kafka);
        StreamsBuilder normaliserTopology = new StreamsBuilder();
        OpsNormaliser.buildTopology(normaliserTopology);
        Run roundNormaliser =
            run(
                kafka.bootstrapServers(),
                "bench-normaliser-" + round,
                dir.resolve("state"),
                normaliserTopology.build(),
                QoeTopics.OPS_EVENTS.name(),
                lines);
        System.out.printf(
            Locale.ROOT,
            "  round %d: pass-through %.2f s (%.2f CPU s), normaliser %.2f s (%.2f CPU s)%n",
            round,
            roundCopy.seconds(),
            roundCopy.cpuSeconds(),
            roundNormaliser.seconds(),
            roundNormaliser.cpuSeconds());
        copy = Run.best(copy, roundCopy);
        normaliser = Run.best(normaliser, roundNormaliser);
      }
      System.out.printf(
          Locale.ROOT,
          "  pass-through (ceiling)  %6.2f s  %,10.0f lines/s  (%,.0f records/s)"
              + "  %,10.0f lines per CPU s%n",
          copy.seconds(),
          lines / copy.seconds(),
          records / copy.seconds(),
          lines / copy.cpuSeconds());
      System.out.printf(
          Locale.ROOT,
          "  normaliser              %6.2f s  %,10.0f lines/s  ratio %.2f (target >= 0.50)"
              + "  %,10.0f lines per CPU s, ratio %.2f%n",
          normaliser.seconds(),
          lines / normaliser.seconds(),
          copy.seconds() / normaliser.seconds(),
          lines / normaliser.cpuSeconds(),
          copy.cpuSeconds() / normaliser.cpuSeconds());
    }
  }

  /**
   * One topology's pass over the input: wall seconds, and the seconds of CPU this process spent
   * meanwhile (the broker runs in it too), which other work on the machine does not inflate.
   */
  private record Run(double seconds, double cpuSeconds) {

    static Run best(Run best, Run round) {
      return best == null || round.seconds() < best.seconds() ? round : best;
    }
  }

  /** Raw -> a byte-for-byte copy: what Kafka Streams costs before any reading of a record. */
  private static Topology passThrough(String output) {
    QoeTopic<String, byte[]> raw = QoeTopics.OPS_RAW_CLOUDFRONT;
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()))
        .to(output, Produced.with(raw.keySerde(), raw.valueSerde()));
    return builder.build();
  }

  /** Writes the input: the lines in records of {@code linesPerRecord}, each with its header. */
  private static int load(String bootstrap, int lines, int linesPerRecord)
      throws InterruptedException, ExecutionException {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    // The ten minutes before now: event times the normaliser accepts (none in the future).
    CloudFrontLines generator =
        new CloudFrontLines(System.currentTimeMillis() - 600_000L, 590_000L, lines);
    int records = 0;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.ACKS_CONFIG,
                "all",
                // The order of the input does not matter here, and the in-process broker's
                // idempotence bookkeeping refused a loaded producer's retries (out of order
                // sequence) until its batches expired.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                false),
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer())) {
      for (int first = 0; first < lines; first += linesPerRecord) {
        StringBuilder record = new StringBuilder(CloudFrontLines.HEADER);
        for (int i = first; i < Math.min(lines, first + linesPerRecord); i++) {
          record.append(generator.line(i)).append('\n');
        }
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    QoeTopics.OPS_RAW_CLOUDFRONT.name(),
                    "edge-log-" + records,
                    record.toString().getBytes(StandardCharsets.UTF_8))));
        records++;
      }
      producer.flush();
    }
    for (Future<RecordMetadata> record : sent) {
      record.get(); // a record that was not written would make a round wait for it forever
    }
    return records;
  }

  /**
   * Runs the topology under a new application id from the start of the raw topic until {@code
   * expected} records of {@code output} are committed; from RUNNING to then.
   */
  private static Run run(
      String bootstrap,
      String applicationId,
      Path stateDir,
      Topology topology,
      String output,
      int expected)
      throws InterruptedException {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    try (KafkaStreams streams = new KafkaStreams(topology, config);
        KafkaConsumer<byte[], byte[]> counter = committedReader(bootstrap, output)) {
      streams.start();
      while (streams.state() != KafkaStreams.State.RUNNING) {
        if (streams.state() == KafkaStreams.State.ERROR) {
          throw new IllegalStateException(applicationId + " failed");
        }
        Thread.sleep(10);
      }
      long start = System.nanoTime();
      long cpuStart = PROCESS.getProcessCpuTime();
      long progress = start;
      long seen = 0;
      while (seen < expected) {
        int read = counter.poll(Duration.ofMillis(50)).count();
        seen += read;
        if (read > 0) {
          progress = System.nanoTime();
        }
        if (streams.state() == KafkaStreams.State.ERROR
            || System.nanoTime() - progress > STALLED.toNanos()) {
          throw new IllegalStateException(
              applicationId
                  + " wrote "
                  + seen
                  + " of "
                  + expected
                  + " records to "
                  + output
                  + ", then nothing for "
                  + STALLED.toSeconds()
                  + " s (state "
                  + streams.state()
                  + ")");
        }
      }
      return new Run(
          (System.nanoTime() - start) / 1e9, (PROCESS.getProcessCpuTime() - cpuStart) / 1e9);
    }
  }

  private static KafkaConsumer<byte[], byte[]> committedReader(String bootstrap, String topic) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = List.of();
    while (partitions.isEmpty()) { // a topic made a moment ago may not be in its metadata yet
      partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /** Each normaliser round writes to empty output topics, and its health part reads only them. */
  private static void freshOutputTopics(EmbeddedKafka kafka) throws Exception {
    List<QoeTopic<?, ?>> outputs =
        List.of(QoeTopics.OPS_EVENTS, QoeTopics.OPS_DLQ, QoeTopics.OPS_HEALTH);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.deleteTopics(outputs.stream().map(QoeTopic::name).toList()).all().get();
      while (admin.listTopics().names().get().stream().anyMatch(names(outputs)::contains)) {
        Thread.sleep(50);
      }
    }
    while (true) {
      try {
        kafka.createTopics(outputs);
        return;
      } catch (RuntimeException e) {
        if (!causedBy(e, TopicExistsException.class)) {
          throw e;
        }
        Thread.sleep(100); // still being deleted
      }
    }
  }

  private static Set<String> names(List<QoeTopic<?, ?>> topics) {
    return Set.copyOf(topics.stream().map(QoeTopic::name).toList());
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
