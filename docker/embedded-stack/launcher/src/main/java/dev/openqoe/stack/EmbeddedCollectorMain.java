package dev.openqoe.stack;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.ingest.CollectorMain;
import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.kafka.QoeTopics;

/**
 * {@code qoe collector}: the collector as {@link CollectorMain} runs it, and, when no Kafka cluster
 * is configured, a development broker in this JVM whose data stays in {@code kafka.embedded-dir},
 * with every topic of the registry.
 */
public final class EmbeddedCollectorMain {

  private EmbeddedCollectorMain() {}

  public static void main(String[] args) throws InterruptedException {
    CollectorConfig config = CollectorMain.configOrExit(args);
    if (config == null) {
      return;
    }
    if (!config.usesEmbeddedKafka()) {
      CollectorMain.runOnCluster(config);
      return;
    }
    EmbeddedKafka kafka =
        EmbeddedKafka.on(config.embeddedKafkaDir(), config.embeddedKafkaPort()).start();
    if (config.createTopics()) {
      // Every topic of the registry, as the compose deployment's kafka-init does: the pipeline
      // reads topics that later parts write (qoe.ops.events.v1, qoe.slo.alerts.v1), and a Kafka
      // source fails over while a topic it reads does not exist.
      kafka.createTopics(QoeTopics.ALL);
    }
    CollectorMain.run(config, kafka.bootstrapServers(), (short) 1, kafka::stop);
  }
}
