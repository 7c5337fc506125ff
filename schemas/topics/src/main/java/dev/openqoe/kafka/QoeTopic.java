package dev.openqoe.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic of OpenQoE: its name and the serdes of its keys and values. Producers and
 * consumers take both from here, so a topic is never read with another format than it is written
 * with.
 *
 * @param partitions the partition count used when OpenQoE creates the topic itself
 */
public record QoeTopic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, String description) {

  public QoeTopic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
  }

  public byte[] serializeKey(K key) {
    return keySerde.serializer().serialize(name, key);
  }

  public byte[] serializeValue(V value) {
    return valueSerde.serializer().serialize(name, value);
  }

  public K deserializeKey(byte[] key) {
    return keySerde.deserializer().deserialize(name, key);
  }

  public V deserializeValue(byte[] value) {
    return valueSerde.deserializer().deserialize(name, value);
  }

  /**
   * A consumer of the whole topic from its first record: every partition assigned, no consumer
   * group, nothing committed. For tools and tests that read what a topic holds.
   */
  public KafkaConsumer<K, V> consumerFromStart(String bootstrapServers) {
    return consumerFromStart(bootstrapServers, false);
  }

  /**
   * Like {@link #consumerFromStart(String)}; with {@code committedOnly} it reads only records of
   * committed transactions ({@code isolation.level=read_committed}), as exactly-once readers do.
   */
  public KafkaConsumer<K, V> consumerFromStart(String bootstrapServers, boolean committedOnly) {
    KafkaConsumer<K, V> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                committedOnly ? "read_committed" : "read_uncommitted"),
            keySerde.deserializer(),
            valueSerde.deserializer());
    List<TopicPartition> all =
        consumer.partitionsFor(name).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(all);
    consumer.seekToBeginning(all);
    return consumer;
  }

  /**
   * What a read_committed consumer sees of the topic, from its first record up to each partition's
   * end when the read started: the whole topic, for checks and tests to compare.
   *
   * @throws IllegalStateException if that is not read within {@code timeout}
   */
  public List<ConsumerRecord<K, V>> committedRecords(String bootstrapServers, Duration timeout) {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = consumerFromStart(bootstrapServers, true)) {
      Set<TopicPartition> partitions = consumer.assignment();
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + name + " up to " + end + " in " + timeout.toSeconds() + " s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  @Override
  public String toString() {
    return name;
  }
}
