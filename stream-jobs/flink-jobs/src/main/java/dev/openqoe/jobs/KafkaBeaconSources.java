package dev.openqoe.jobs;

import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.RejectedBeacon;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka sources of the collector's topics. Offsets live in Flink checkpoints (and are committed to
 * the consumer group for monitoring), so a restored job reads each record exactly once.
 */
public final class KafkaBeaconSources {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBeaconSources.class);

  private KafkaBeaconSources() {}

  /**
   * @param bounded read up to the offsets that exist now and stop (replays and tests)
   */
  public static KafkaSource<IngestedBeacon> beacons(
      String bootstrapServers, String topic, String groupId, boolean bounded) {
    return source(
        bootstrapServers,
        topic,
        groupId,
        bounded,
        new Decoder<>(
            value -> QoeTopics.BEACONS.deserializeValue(value), IngestedBeaconTypeInfo.INSTANCE));
  }

  public static KafkaSource<RejectedBeacon> rejected(
      String bootstrapServers, String topic, String groupId, boolean bounded) {
    return source(
        bootstrapServers,
        topic,
        groupId,
        bounded,
        new Decoder<>(
            value -> QoeTopics.BEACONS_DLQ.deserializeValue(value),
            TypeInformation.of(RejectedBeacon.class)));
  }

  private static <T> KafkaSource<T> source(
      String bootstrapServers,
      String topic,
      String groupId,
      boolean bounded,
      KafkaRecordDeserializationSchema<T> decoder) {
    KafkaSourceBuilder<T> builder =
        KafkaSource.<T>builder()
            .setBootstrapServers(bootstrapServers)
            .setTopics(topic)
            .setGroupId(groupId)
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(decoder);
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /**
   * Decodes a topic's values; a record that cannot be decoded is logged with its position and
   * skipped, so one corrupt record cannot stop the pipeline.
   */
  private static final class Decoder<T> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;

    /** Reads a topic's static format on the task manager: the topic itself is not shipped. */
    private final SerializableFunction<byte[], T> format;

    private final TypeInformation<T> type;

    Decoder(SerializableFunction<byte[], T> format, TypeInformation<T> type) {
      this.format = format;
      this.type = type;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out)
        throws IOException {
      T value;
      try {
        value = format.apply(record.value());
      } catch (RuntimeException e) {
        LOG.warn(
            "skipping undecodable record at {}-{} offset {}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.toString());
        return;
      }
      // Outside the try: a failure of a chained operator downstream must fail the task, not
      // be mistaken for a bad record and skipped.
      out.collect(value);
    }

    @Override
    public TypeInformation<T> getProducedType() {
      return type;
    }
  }
}
