package dev.openqoe.slo.evaluator;

import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * The alert log on Kafka, {@code qoe.slo.alerts.v1}, keyed by alert id: written with idempotence
 * and acks=all, each append waiting for the broker.
 */
public final class KafkaAlertLog implements AlertLog, AutoCloseable {

  private static final QoeTopic<String, String> TOPIC = QoeTopics.SLO_ALERTS;
  private static final int TIMEOUT_MS = 30_000;

  private final KafkaProducer<String, String> producer;

  public KafkaAlertLog(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                TIMEOUT_MS,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                TIMEOUT_MS,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                TIMEOUT_MS / 2,
                ProducerConfig.CLIENT_ID_CONFIG,
                "qoe-slo-evaluator"),
            TOPIC.keySerde().serializer(),
            TOPIC.valueSerde().serializer());
  }

  /**
   * Appends {@code record} and waits until the broker has it.
   *
   * @throws KafkaException when it could not be written
   */
  @Override
  public void append(AlertRecord record) {
    try {
      producer
          .send(new ProducerRecord<>(TOPIC.name(), record.alertId(), AlertJson.write(record)))
          .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new KafkaException("Kafka refused the record: " + Reporter.reason(e.getCause()), e);
    } catch (TimeoutException e) {
      throw new KafkaException("Kafka did not acknowledge the record within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while writing to " + TOPIC.name(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
