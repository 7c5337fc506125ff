package dev.openqoe.ingest.kafka;

import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.ingest.core.OpsRecord;
import dev.openqoe.ingest.core.RecordBatch;
import dev.openqoe.ingest.core.RecordSink;
import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.ops.OpsRejected;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.RejectedBeacon;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes beacons, delivery-chain bodies and rejections to Kafka and reports, once per request,
 * whether Kafka acknowledged all of them. The producer is idempotent with acks=all, so an
 * acknowledgement means the records are stored. {@code send} never blocks the calling event loop:
 * topic metadata is fetched at startup and kept (max.block.ms is 0), so a full buffer fails at once
 * instead of waiting.
 */
public final class BeaconSink implements RecordSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BeaconSink.class);

  /**
   * The topics the collector writes: the beacons, the raw topic of every delivery-chain feed, and
   * the two dead-letter topics.
   */
  public static final List<QoeTopic<?, ?>> TOPICS = topics();

  private static final Map<String, QoeTopic<String, byte[]>> RAW_TOPICS_BY_FEED =
      QoeTopics.OPS_FEEDS.stream()
          .collect(Collectors.toUnmodifiableMap(OpsFeed::name, OpsFeed::topic));

  /** A request's records: each with its topic, already serialised with the topic's serdes. */
  public static final class Batch implements RecordBatch {
    private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();

    @Override
    public void add(IngestedBeacon beacon) {
      add(QoeTopics.BEACONS, beacon.event().sessionId(), beacon);
    }

    @Override
    public void add(RejectedBeacon rejected) {
      add(QoeTopics.BEACONS_DLQ, rejected.propertyId(), rejected);
    }

    /**
     * Without a key, so the feed's records spread over its partitions: each is read on its own.
     *
     * @throws IllegalArgumentException when the feed has no raw topic
     */
    @Override
    public void add(OpsRecord record) {
      QoeTopic<String, byte[]> topic = RAW_TOPICS_BY_FEED.get(record.feed());
      if (topic == null) {
        throw new IllegalArgumentException("no raw topic for feed " + record.feed());
      }
      records.add(
          new ProducerRecord<>(
              topic.name(),
              null,
              null,
              null,
              topic.serializeValue(record.body()),
              propertyHeader(record.propertyId())));
    }

    @Override
    public void add(OpsRejected rejected, String propertyId) {
      QoeTopic<String, OpsRejected> topic = QoeTopics.OPS_DLQ;
      records.add(
          new ProducerRecord<>(
              topic.name(),
              null,
              null,
              topic.serializeKey(rejected.format()),
              topic.serializeValue(rejected),
              propertyHeader(propertyId)));
    }

    private <V> void add(QoeTopic<String, V> topic, String key, V value) {
      records.add(
          new ProducerRecord<>(topic.name(), topic.serializeKey(key), topic.serializeValue(value)));
    }

    private static List<Header> propertyHeader(String propertyId) {
      return List.of(
          new RecordHeader(OpsFeed.PROPERTY_HEADER, propertyId.getBytes(StandardCharsets.UTF_8)));
    }

    public int size() {
      return records.size();
    }
  }

  private final KafkaProducer<byte[], byte[]> producer;
  private final Consumer<Exception> onSendError;

  public BeaconSink(
      String bootstrapServers, CollectorConfig config, Consumer<Exception> onSendError) {
    this.onSendError = onSendError;
    Map<String, Object> props =
        Map.ofEntries(
            Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "qoe-collector"),
            Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
            Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
            Map.entry(ProducerConfig.LINGER_MS_CONFIG, config.kafkaLingerMs()),
            Map.entry(ProducerConfig.BUFFER_MEMORY_CONFIG, config.kafkaBufferBytes()),
            Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.kafkaCompression()),
            Map.entry(
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, config.kafkaMaxInFlight()),
            Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0),
            Map.entry(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) config.kafkaDeliveryTimeout().toMillis()),
            Map.entry(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(config.kafkaDeliveryTimeout().toMillis() - 1, 10_000)),
            // Keep topic metadata even when a topic (the DLQ) is quiet, so send never waits for it.
            Map.entry(
                ProducerConfig.METADATA_MAX_IDLE_CONFIG, (int) Duration.ofDays(7).toMillis()));
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Fetches the metadata of the collector's {@link #TOPICS}, so later sends need not wait for it.
   *
   * @throws IllegalStateException when Kafka does not answer within {@code timeout}
   */
  public void awaitTopics(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (QoeTopic<?, ?> topic : TOPICS) {
      while (true) {
        try {
          producer.partitionsFor(topic.name());
          break;
        } catch (TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "Kafka did not return metadata of topic " + topic + " within " + timeout, e);
          }
          pause();
        }
      }
    }
  }

  private static List<QoeTopic<?, ?>> topics() {
    List<QoeTopic<?, ?>> topics =
        new ArrayList<>(List.of(QoeTopics.BEACONS, QoeTopics.BEACONS_DLQ));
    QoeTopics.OPS_FEEDS.forEach(feed -> topics.add(feed.topic()));
    topics.add(QoeTopics.OPS_DLQ);
    return List.copyOf(topics);
  }

  @Override
  public Batch newBatch() {
    return new Batch();
  }

  /**
   * Sends a {@link Batch}; {@code done} runs once, on a Kafka thread, with null when every record
   * is acknowledged or with the first failure.
   *
   * @throws IllegalArgumentException when the batch was made by another sink
   */
  @Override
  public void send(RecordBatch records, Consumer<Exception> done) {
    if (!(records instanceof Batch batch)) {
      throw new IllegalArgumentException("not a batch of Kafka records: " + records);
    }
    int total = batch.records.size();
    if (total == 0) {
      done.accept(null);
      return;
    }
    AtomicInteger pending = new AtomicInteger(total);
    AtomicBoolean failed = new AtomicBoolean();
    Callback callback =
        (metadata, exception) -> {
          if (exception != null) {
            onSendError.accept(exception);
            if (failed.compareAndSet(false, true)) {
              done.accept(exception);
            }
          } else if (pending.decrementAndGet() == 0 && !failed.get()) {
            done.accept(null);
          }
        };
    for (ProducerRecord<byte[], byte[]> record : batch.records) {
      try {
        producer.send(record, callback);
      } catch (RuntimeException e) {
        // Buffer full or metadata missing: the producer refuses without calling back.
        callback.onCompletion(null, e);
      }
    }
  }

  /** Sends everything buffered and waits for Kafka's answers, at most {@code timeout}. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  public void close(Duration timeout) {
    producer.flush();
    producer.close(timeout);
    LOG.info("Kafka producer flushed and closed");
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }
}
