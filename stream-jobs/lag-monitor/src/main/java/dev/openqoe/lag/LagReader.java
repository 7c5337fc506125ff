package dev.openqoe.lag;

import dev.openqoe.pinot.PinotHttp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Measures consumers' lag: their positions (a group's committed offsets, or a Pinot table's
 * consuming segments' offsets), each partition's log start and end, the Kafka timestamp of the
 * first record not read yet, and the topic's retention. A few admin calls and one short read per
 * topic; it never joins a consumer group.
 */
public final class LagReader implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How long to wait for the first unread records of a topic's partitions. */
  private static final Duration FETCH = Duration.ofSeconds(2);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> reader;
  private final URI pinotController;
  private final PinotHttp pinot = new PinotHttp(TIMEOUT);

  /**
   * @param pinotController the controller of the Pinot tables it is asked about
   */
  public LagReader(String bootstrap, URI pinotController) {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "qoe-lag-monitor-admin");
    this.admin = Admin.create(admin);
    Properties reader = new Properties();
    reader.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    reader.put(ConsumerConfig.CLIENT_ID_CONFIG, "qoe-lag-monitor-reader");
    reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Past commit markers and aborted records, as the pipeline and Pinot read: a consumer whose
    // next offset is a commit marker has nothing left to read.
    reader.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    reader.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    reader.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
    reader.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536");
    this.reader =
        new KafkaConsumer<>(reader, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.pinotController = pinotController;
  }

  /** The lag of {@code watched} now. */
  public TopicLag read(WatchedTopic watched) {
    try {
      List<TopicPartition> partitions = partitions(watched.topic());
      Map<Integer, Long> positions =
          switch (watched.kind()) {
            case KAFKA_GROUP -> groupPositions(watched.consumer(), partitions);
            case PINOT_TABLE -> pinotPositions(watched.consumer());
          };
      Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
      Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
      long retentionMs = retentionMs(watched.topic());
      long now = System.currentTimeMillis();
      Map<TopicPartition, Long> firstUnread = new HashMap<>();
      for (TopicPartition partition : partitions) {
        Long position = positions.get(partition.partition());
        if (position == null && watched.kind() == ConsumerKind.PINOT_TABLE) {
          continue; // no consuming segment on it at this moment
        }
        PartitionLag bare =
            new PartitionLag(
                partition.partition(),
                position == null ? PartitionLag.NONE : position,
                starts.get(partition),
                ends.get(partition),
                PartitionLag.NONE);
        firstUnread.put(partition, bare.unreadRecords() > 0 ? bare.firstUnread() : -1);
      }
      Map<TopicPartition, Long> timestamps = timestampsAt(firstUnread, ends);
      List<PartitionLag> lags = new ArrayList<>();
      for (TopicPartition partition : firstUnread.keySet()) {
        Long position = positions.get(partition.partition());
        lags.add(
            new PartitionLag(
                partition.partition(),
                position == null ? PartitionLag.NONE : position,
                starts.get(partition),
                ends.get(partition),
                timestamps.getOrDefault(partition, PartitionLag.NONE)));
      }
      lags.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
      return new TopicLag(watched, lags, retentionMs, now);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new IllegalStateException(
            "cannot measure " + watched + ": Kafka has no topic " + watched.topic(), e.getCause());
      }
      throw new IllegalStateException(
          "cannot measure " + watched + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "cannot measure "
              + watched
              + ": Kafka did not answer within "
              + TIMEOUT.toSeconds()
              + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring " + watched, e);
    }
  }

  /** The sum of {@code topic}'s end offsets: grows with every record written to it. */
  public long endOffsets(String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    return offsets(partitions(topic), OffsetSpec.latest()).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  /**
   * A group's committed offsets on {@code partitions}; one it has committed nothing on is absent.
   */
  private Map<Integer, Long> groupPositions(String group, List<TopicPartition> partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    Map<Integer, Long> positions = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = committed.get(partition);
      if (offset != null) {
        positions.put(partition.partition(), offset.offset());
      }
    }
    return positions;
  }

  private Map<Integer, Long> pinotPositions(String table) {
    return PinotConsumingOffsets.parse(
        pinot
            .get(pinotController.resolve("/tables/" + table + "/consumingSegmentsInfo").toString())
            .requireOk(pinotController.toString(), "consumingSegmentsInfo of " + table)
            .json());
  }

  private List<TopicPartition> partitions(String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    TopicDescription description =
        get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
    return description.partitions().stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .toList();
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, InterruptedException, TimeoutException {
    return get(
            admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .all())
        .entrySet()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** The topic's {@code retention.ms}, its own or the broker's default; negative: forever. */
  private long retentionMs(String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = get(admin.describeConfigs(List.of(resource)).all()).get(resource);
    ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
    return Long.parseLong(retention.value());
  }

  /**
   * The Kafka timestamp of the first committed record at or after each offset ({@code -1}: nothing
   * to read there), read in one pass over the partitions; a partition whose record did not arrive
   * within {@link #FETCH} is absent (its age unknown this round), as is one that holds only commit
   * markers or aborted records from there on.
   */
  private Map<TopicPartition, Long> timestampsAt(
      Map<TopicPartition, Long> offsets, Map<TopicPartition, Long> ends) {
    List<TopicPartition> wanted =
        offsets.entrySet().stream().filter(e -> e.getValue() >= 0).map(Map.Entry::getKey).toList();
    Map<TopicPartition, Long> timestamps = new HashMap<>();
    if (wanted.isEmpty()) {
      return timestamps;
    }
    reader.assign(wanted);
    wanted.forEach(partition -> reader.seek(partition, offsets.get(partition)));
    List<TopicPartition> open = new ArrayList<>(wanted);
    long deadline = System.nanoTime() + FETCH.toNanos();
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (open.remove(partition)) {
          timestamps.put(partition, record.timestamp());
          reader.pause(List.of(partition));
        }
      }
      open.removeIf(partition -> reader.position(partition, TIMEOUT) >= ends.get(partition));
    }
    reader.unsubscribe();
    return timestamps;
  }

  private static <T> T get(KafkaFuture<T> future)
      throws ExecutionException, InterruptedException, TimeoutException {
    return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    reader.close();
    admin.close();
  }
}
