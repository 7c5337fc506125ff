package dev.openqoe.slo.evaluator;

import dev.openqoe.kafka.QoeTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the alert log from its first record to the end it had when the read began: what the
 * evaluator recovers its firing alerts from, and what {@code qoe alerts} shows.
 */
public final class AlertLogReader {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * @param records the readable records, in log order
   * @param unreadable why each other record could not be read, with its offset
   */
  public record Contents(List<AlertRecord> records, List<String> unreadable) {}

  private AlertLogReader() {}

  public static Contents read(String bootstrapServers) {
    List<AlertRecord> records = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        QoeTopics.SLO_ALERTS.consumerFromStart(bootstrapServers)) {
      Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), TIMEOUT);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + QoeTopics.SLO_ALERTS.name() + " to its end within " + TIMEOUT);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
            continue;
          }
          try {
            records.add(AlertJson.read(record.value()));
          } catch (IllegalArgumentException e) {
            unreadable.add("offset " + record.offset() + ": " + e.getMessage());
          }
        }
      }
    }
    return new Contents(records, unreadable);
  }

  private static boolean reached(
      KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream()
        .allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue());
  }
}
