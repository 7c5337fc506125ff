package dev.openqoe.jobs;

import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.RejectedBeacon;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Kafka sources of the collector's topics. Offsets live in Flink checkpoints (and are committed to
 * the consumer group for monitoring), so a restored job reads each record exactly once.
 */
public final class KafkaBeaconSources {

  private KafkaBeaconSources() {}

  /**
   * @param bounded read up to the offsets that exist now and stop (replays and tests)
   */
  public static KafkaSource<IngestedBeacon> beacons(
      String bootstrapServers, String topic, String groupId, boolean bounded) {
    return source(
        bootstrapServers,
        List.of(topic),
        groupId,
        bounded,
        new RecordDecoder<>(
            record -> QoeTopics.BEACONS.deserializeValue(record.value()),
            IngestedBeaconTypeInfo.INSTANCE));
  }

  public static KafkaSource<RejectedBeacon> rejected(
      String bootstrapServers, String topic, String groupId, boolean bounded) {
    return source(
        bootstrapServers,
        List.of(topic),
        groupId,
        bounded,
        new RecordDecoder<>(
            record -> QoeTopics.BEACONS_DLQ.deserializeValue(record.value()),
            TypeInformation.of(RejectedBeacon.class)));
  }

  /**
   * A source of {@code topics} from the group's committed offsets (the earliest without). It reads
   * only committed records: some topics are written in Kafka transactions (the normaliser's).
   */
  static <T> KafkaSource<T> source(
      String bootstrapServers,
      List<String> topics,
      String groupId,
      boolean bounded,
      KafkaRecordDeserializationSchema<T> decoder) {
    KafkaSourceBuilder<T> builder =
        KafkaSource.<T>builder()
            .setBootstrapServers(bootstrapServers)
            .setTopics(topics)
            .setGroupId(groupId)
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
            .setDeserializer(decoder);
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }
}
