package dev.openqoe.endtoend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies topics from one Kafka to another as records arrive: same partition, offset order, key,
 * value, timestamp and headers. Two pipelines on the two brokers then read the same input, each
 * under the consumer groups and into the real-time topics of its own broker.
 */
final class TopicMirror implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final List<TopicPartition> partitions = new ArrayList<>();
  private final AtomicLong copied = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean running = true;

  private TopicMirror(String from, String to, Collection<String> topics) {
    Properties read = new Properties();
    read.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, from);
    read.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    read.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(read, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    Properties write = new Properties();
    write.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, to);
    write.put(ProducerConfig.ACKS_CONFIG, "all");
    write.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    write.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    producer = new KafkaProducer<>(write, new ByteArraySerializer(), new ByteArraySerializer());
    for (String topic : topics) {
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::copy, "topic-mirror");
    thread.setDaemon(true);
  }

  /** Mirrors {@code topics}, which exist on both brokers with the same partition counts. */
  static TopicMirror start(String from, String to, Collection<String> topics) {
    TopicMirror mirror = new TopicMirror(from, to, topics);
    mirror.thread.start();
    return mirror;
  }

  private void copy() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          producer.send(
              new ProducerRecord<>(
                  record.topic(),
                  record.partition(),
                  record.timestamp(),
                  record.key(),
                  record.value(),
                  record.headers()),
              (metadata, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                } else {
                  copied.incrementAndGet();
                }
              });
        }
      }
    } catch (Exception e) {
      failure.compareAndSet(null, e);
    }
  }

  /** Records copied and acknowledged so far; fails if the copy failed. */
  long copied() {
    Exception error = failure.get();
    if (error != null) {
      throw new AssertionError("the topic mirror failed", error);
    }
    return copied.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
    producer.close(Duration.ofSeconds(10));
    consumer.close(Duration.ofSeconds(5));
  }
}
