package dev.openqoe.embedded;

import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.TopicCreator;
import dev.openqoe.process.FreePorts;
import dev.openqoe.process.ScratchDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft broker and controller in one process), for development, tests and
 * {@code ./qoe up}. Every listener is on 127.0.0.1. The data directory survives restarts: starting
 * again on the same directory keeps the topics and their records. Ports are chosen on the first
 * start (unless given) and kept for later starts of the same instance, so clients reconnect.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  // Kafka's defaults: broker.session.timeout.ms, and the longest broker.heartbeat.interval.ms.
  private static final Duration DEFAULT_BROKER_SESSION = Duration.ofSeconds(9);
  private static final Duration LONGEST_HEARTBEAT = Duration.ofSeconds(2);

  private final Path dataDir;
  private final int brokerPort;
  private final int controllerPort;
  private Duration brokerSession = DEFAULT_BROKER_SESSION;
  private KafkaRaftServer server;

  private EmbeddedKafka(Path dataDir, int brokerPort, int controllerPort) {
    this.dataDir = dataDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /**
   * A broker on {@code dataDir}, not yet started.
   *
   * @param brokerPort the client port, or 0 for any free port
   */
  public static EmbeddedKafka on(Path dataDir, int brokerPort) {
    return on(dataDir, brokerPort, 0);
  }

  /**
   * A broker on {@code dataDir} and both its ports, not yet started: for a broker in a child JVM
   * that is started again on the same ports, as a restarted server keeps its configuration.
   *
   * @param brokerPort the client port, or 0 for any free port
   * @param controllerPort the KRaft controller's port, or 0 for any free port
   */
  public static EmbeddedKafka on(Path dataDir, int brokerPort, int controllerPort) {
    return new EmbeddedKafka(
        dataDir.toAbsolutePath(),
        brokerPort == 0 ? FreePorts.on(LOOPBACK) : brokerPort,
        controllerPort == 0 ? FreePorts.on(LOOPBACK) : controllerPort);
  }

  /**
   * Sets how long the controller keeps the registration of a broker that stopped heartbeating
   * (Kafka's default is 9 s). A broker started again after a crash cannot register until its
   * previous registration has expired, so a test that crashes the broker again and again shortens
   * it; the price is that a broker whose heartbeat is that late is fenced. Call before {@link
   * #start}.
   */
  public EmbeddedKafka brokerSession(Duration timeout) {
    this.brokerSession = timeout;
    return this;
  }

  /** Starts the broker, formatting its storage first if the data directory is new. */
  public synchronized EmbeddedKafka start() {
    if (server != null) {
      return this;
    }
    Path logDir = dataDir.resolve("kafka-logs");
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Kafka data directory " + logDir, e);
    }
    KafkaConfig config = KafkaConfig.fromProps(brokerProperties(logDir), false);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(logDir);
    }
    KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
    started.startup();
    server = started;
    awaitBrokerReady();
    LOG.info("Kafka broker ready at {} (data in {})", bootstrapServers(), dataDir);
    return this;
  }

  /** Stops the broker and waits until it has shut down; the data stays in the data directory. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
    LOG.info("Kafka broker at {} stopped", bootstrapServers());
  }

  /** Stops the broker and deletes its data directory: for a throwaway broker. */
  public void stopAndDelete() {
    stop();
    ScratchDirectory.delete(dataDir);
  }

  /** {@link #stopAndDelete} when the JVM exits: for a broker shared by the tests of a JVM. */
  public void stopAndDeleteAtExit() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAndDelete, "embedded-kafka-stop"));
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  public String bootstrapServers() {
    return LOOPBACK + ":" + brokerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Creates the topics that do not exist yet, with their declared partition counts. */
  public void createTopics(Collection<? extends QoeTopic<?, ?>> topics) {
    TopicCreator.createMissing(bootstrapServers(), topics, (short) 1);
  }

  /** Creates one topic unless it exists already. */
  public void createTopic(String name, int partitions) {
    TopicCreator.createMissing(
        bootstrapServers(), List.of(new NewTopic(name, partitions, (short) 1)));
  }

  @Override
  public void close() {
    stop();
  }

  private Properties brokerProperties(Path logDir) {
    Properties props = new Properties();
    props.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", String.valueOf(NODE_ID)),
            Map.entry("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort),
            Map.entry(
                "listeners",
                "PLAINTEXT://"
                    + LOOPBACK
                    + ":"
                    + brokerPort
                    + ",CONTROLLER://"
                    + LOOPBACK
                    + ":"
                    + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("broker.session.timeout.ms", String.valueOf(brokerSession.toMillis())),
            Map.entry(
                "broker.heartbeat.interval.ms",
                String.valueOf(
                    Math.min(LONGEST_HEARTBEAT.toMillis(), brokerSession.toMillis() / 4))),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("log.dirs", logDir.toString()),
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("num.partitions", "1"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "3"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            // A dev broker on a laptop: keep a week or 1 GiB per partition, whichever is first.
            Map.entry("log.retention.hours", "168"),
            Map.entry("log.retention.bytes", String.valueOf(1L << 30))));
    return props;
  }

  private static void format(Path logDir) {
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(Set.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setControllerListenerName("CONTROLLER")
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
    }
  }

  private void awaitBrokerReady() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    try (Admin admin = admin()) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "Kafka broker did not become ready within " + STARTUP_TIMEOUT, e);
          }
        }
        Thread.onSpinWait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  private Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    return Admin.create(props);
  }
}
