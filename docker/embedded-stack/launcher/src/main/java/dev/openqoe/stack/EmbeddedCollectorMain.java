package dev.openqoe.stack;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.ingest.CollectorMain;
import dev.openqoe.ingest.config.CollectorConfig;

/**
 * {@code qoe collector}: the collector as {@link CollectorMain} runs it, and, when no Kafka cluster
 * is configured, a development broker in this JVM whose data stays in {@code kafka.embedded-dir}.
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
    CollectorMain.run(config, kafka.bootstrapServers(), (short) 1, kafka::stop);
  }
}
