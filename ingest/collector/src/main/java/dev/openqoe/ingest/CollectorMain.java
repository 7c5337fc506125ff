package dev.openqoe.ingest;

import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.kafka.EmbeddedKafka;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.kafka.TopicCreator;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code qoe collector}: runs the collector until SIGTERM/SIGINT, against the configured Kafka
 * cluster or, when none is configured, an embedded broker whose data stays in a local directory.
 */
public final class CollectorMain {

  private static final Logger LOG = LoggerFactory.getLogger(CollectorMain.class);

  private CollectorMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(CollectorConfig.usage());
      return;
    }
    CollectorConfig config;
    try {
      config = CollectorConfig.load(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("qoe collector: " + e.getMessage());
      System.exit(2);
      return;
    }
    EmbeddedKafka kafka = null;
    String bootstrap = config.kafkaBootstrap();
    if (config.usesEmbeddedKafka()) {
      kafka = EmbeddedKafka.on(config.embeddedKafkaDir(), config.embeddedKafkaPort()).start();
      bootstrap = kafka.bootstrapServers();
    }
    if (config.createTopics()) {
      short replication = (short) (kafka != null ? 1 : Math.min(3, brokers(bootstrap)));
      TopicCreator.createMissing(
          bootstrap, List.of(QoeTopics.BEACONS, QoeTopics.BEACONS_DLQ), replication);
    }
    Collector collector = Collector.start(config, bootstrap);
    CountDownLatch stopped = new CountDownLatch(1);
    EmbeddedKafka embedded = kafka;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  collector.close();
                  if (embedded != null) {
                    embedded.stop();
                  }
                  stopped.countDown();
                },
                "collector-shutdown"));
    LOG.info(
        "try: curl -i -H 'X-QoE-Key: dev-key' --data-binary @beacon.json {}/v1/beacons",
        collector.url());
    stopped.await();
  }

  private static int brokers(String bootstrap) {
    return bootstrap.split(",").length;
  }
}
