package dev.openqoe.bench.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumer lag in time: how old the oldest record a consumer has not read yet is (now minus that
 * record's Kafka timestamp, which the producers set when they send), the worst partition's; 0 when
 * it has read everything. Read for a Kafka consumer group from its committed offsets, and for a
 * Pinot table from the offsets its consuming segments have reached (the controller's {@code
 * consumingSegmentsInfo}).
 */
final class LagProbe implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> reader;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  LagProbe(String bootstrap) {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    this.admin = Admin.create(admin);
    Properties reader = new Properties();
    reader.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    reader.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
    reader.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536");
    this.reader =
        new KafkaConsumer<>(reader, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The lag of consumer group {@code group} on {@code topic}, from its committed offsets. */
  double groupLagSeconds(String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    Map<Integer, Long> positions = new HashMap<>();
    for (TopicPartition partition : partitions(topic)) {
      OffsetAndMetadata offset = committed.get(partition);
      // Nothing committed yet: the group starts from the beginning.
      positions.put(partition.partition(), offset == null ? 0L : offset.offset());
    }
    return lagSeconds(topic, positions);
  }

  /**
   * The lag of Pinot REALTIME table {@code table} on {@code topic}; a partition without a consuming
   * segment at this moment (one just committed) does not count.
   */
  double pinotLagSeconds(URI controller, String table, String topic) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    controller.resolve("/tables/" + table + "/consumingSegmentsInfo"))
                .timeout(TIMEOUT)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "Pinot controller: consumingSegmentsInfo of " + table + ": " + response.statusCode());
    }
    return lagSeconds(topic, pinotOffsets(JSON.readTree(response.body())));
  }

  /**
   * Each partition's offset from the controller's answer: {@code _segmentToConsumingInfoMap}, per
   * consuming segment ({@code <table>__<partition>__<sequence>__<time>}) its server's {@code
   * partitionToOffsetMap}, the next offset it reads.
   */
  static Map<Integer, Long> pinotOffsets(JsonNode answer) throws IOException {
    JsonNode segments = answer.path("_segmentToConsumingInfoMap");
    if (!segments.isObject()) {
      throw new IOException("unexpected consumingSegmentsInfo answer: " + answer);
    }
    Map<Integer, Long> offsets = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = segments.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> segment = it.next();
      for (JsonNode server : segment.getValue()) {
        JsonNode map = server.path("partitionToOffsetMap");
        if (!map.isObject()) {
          map = server.path("partitionOffsetInfo").path("currentOffsetsMap");
        }
        for (Iterator<Map.Entry<String, JsonNode>> p = map.fields(); p.hasNext(); ) {
          Map.Entry<String, JsonNode> partition = p.next();
          offsets.merge(
              Integer.parseInt(partition.getKey()), partition.getValue().asLong(), Math::min);
        }
      }
    }
    return offsets;
  }

  /** The sum of {@code topic}'s end offsets: grows with every record written to it. */
  long endOffsets(String topic) throws Exception {
    return admin
        .listOffsets(
            partitions(topic).stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
        .all()
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
        .values()
        .stream()
        .mapToLong(info -> info.offset())
        .sum();
  }

  private List<TopicPartition> partitions(String topic) {
    return reader.partitionsFor(topic, TIMEOUT).stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .toList();
  }

  /** The worst partition's age of its first unread record, given each partition's position. */
  private double lagSeconds(String topic, Map<Integer, Long> positions)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, Long> ends =
        admin
            .listOffsets(
                positions.keySet().stream()
                    .collect(
                        Collectors.toMap(
                            p -> new TopicPartition(topic, p), p -> OffsetSpec.latest())))
            .all()
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .entrySet()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    long now = System.currentTimeMillis();
    double worst = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      long position = positions.get(end.getKey().partition());
      if (position < end.getValue()) {
        long timestamp = timestampAt(end.getKey(), position);
        if (timestamp > 0) {
          worst = Math.max(worst, (now - timestamp) / 1000.0);
        }
      }
    }
    return worst;
  }

  /** The timestamp of the first record at or after {@code offset}, or 0 when there is none. */
  private long timestampAt(TopicPartition partition, long offset) {
    reader.assign(List.of(partition));
    reader.seek(partition, offset);
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (System.nanoTime() < deadline) {
      ConsumerRecords<byte[], byte[]> records = reader.poll(Duration.ofMillis(200));
      if (!records.isEmpty()) {
        return records.iterator().next().timestamp();
      }
    }
    return 0;
  }

  @Override
  public void close() {
    reader.close();
    admin.close();
  }
}
