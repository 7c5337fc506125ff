package dev.openqoe.ingest;

import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.ingest.kafka.BeaconSink;
import dev.openqoe.kafka.TopicCreator;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's process: runs it until SIGTERM/SIGINT against the configured Kafka cluster. The
 * development broker is not part of this jar: {@code ./qoe collector} starts one beside the
 * collector when no cluster is configured (the embedded stack's {@code EmbeddedCollectorMain}).
 */
public final class CollectorMain {

  private static final Logger LOG = LoggerFactory.getLogger(CollectorMain.class);

  private CollectorMain() {}

  public static void main(String[] args) throws InterruptedException {
    CollectorConfig config = configOrExit(args);
    if (config == null) {
      return;
    }
    if (config.usesEmbeddedKafka()) {
      System.err.println(
          "qoe collector: no Kafka cluster configured: set kafka.bootstrap (--kafka.bootstrap or"
              + " QOE_COLLECTOR_KAFKA_BOOTSTRAP); ./qoe collector runs a development broker"
              + " beside the collector instead");
      System.exit(2);
      return;
    }
    runOnCluster(config);
  }

  /** Runs the collector against the configured cluster (topics replicated up to three times). */
  public static void runOnCluster(CollectorConfig config) throws InterruptedException {
    String bootstrap = config.kafkaBootstrap();
    run(config, bootstrap, (short) Math.min(3, bootstrap.split(",").length), () -> {});
  }

  /**
   * The settings from {@code args} and the environment, or null after printing the usage for {@code
   * --help}; exits 2 with the reason on a bad setting.
   */
  public static CollectorConfig configOrExit(String[] args) {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(CollectorConfig.usage());
      return null;
    }
    try {
      return CollectorConfig.load(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("qoe collector: " + e.getMessage());
      System.exit(2);
      return null;
    }
  }

  /**
   * Creates the collector's topics when configured to, serves until the process is told to stop,
   * then closes the collector and runs {@code afterClose}.
   */
  public static void run(
      CollectorConfig config, String bootstrap, short replication, Runnable afterClose)
      throws InterruptedException {
    if (config.createTopics()) {
      TopicCreator.createMissing(bootstrap, BeaconSink.TOPICS, replication);
    }
    Collector collector;
    try {
      // Without bootstrap servers configured, the broker is the development one in this JVM.
      collector =
          config.usesEmbeddedKafka()
              ? Collector.startBesideEmbeddedBroker(config, bootstrap)
              : Collector.start(config, bootstrap);
    } catch (IllegalArgumentException e) {
      // A setting or the properties file is wrong: say which, without a stack trace.
      System.err.println("qoe collector: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  collector.close();
                  afterClose.run();
                  stopped.countDown();
                },
                "collector-shutdown"));
    LOG.info(
        "try: curl -i -H 'X-QoE-Key: dev-key' --data-binary @beacon.json {}/v1/beacons",
        collector.url());
    stopped.await();
  }
}
