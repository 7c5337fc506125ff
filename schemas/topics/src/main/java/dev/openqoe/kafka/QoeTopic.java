package dev.openqoe.kafka;

import java.util.Objects;
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

  @Override
  public String toString() {
    return name;
  }
}
