package dev.openqoe.jobs;

import dev.openqoe.kafka.PipelineSource;
import dev.openqoe.ops.OpsEvent;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The delivery chain into the warehouse: raw feeds to {@code ods.ops_raw}, the normaliser's dead
 * letters to {@code ods.ops_rejected}, its canonical events to {@code dwd.ops_events} and its
 * per-minute health to {@code dws.ops_minute}. The Kafka Streams normaliser does the reading and
 * aggregating; here each record becomes one row, exactly once (offsets and Iceberg commits share
 * the checkpoints, and the normaliser's transactional topics are read committed only).
 */
public final class OpsPipeline {

  private OpsPipeline() {}

  /**
   * @param bounded read up to the offsets that exist now and stop (tests)
   * @return the canonical events, for the sessions they are linked to
   */
  public static DataStream<OpsEvent> build(
      StreamExecutionEnvironment env,
      String bootstrapServers,
      OpsTopicNames topics,
      boolean bounded,
      OpsSinks sinks) {
    var feeds = topics.rawFeedByTopic();
    sinks.opsRaw(
        read(
            env,
            bootstrapServers,
            List.copyOf(feeds.keySet()),
            bounded,
            record -> OpsRows.raw(feeds.get(record.topic()), record),
            OpsRows.RAW,
            PipelineSource.OPS_RAW));
    sinks.opsRejected(
        read(
            env,
            bootstrapServers,
            List.of(topics.rejected()),
            bounded,
            OpsRows::rejected,
            OpsRows.REJECTED,
            PipelineSource.OPS_REJECTED));
    DataStream<SlicedOpsEvent> events =
        read(
            env,
            bootstrapServers,
            List.of(topics.events()),
            bounded,
            OpsRows::slicedEvent,
            TypeInformation.of(SlicedOpsEvent.class),
            PipelineSource.OPS_EVENTS);
    sinks.opsEvents(
        events
            .map(OpsRows::event, OpsRows.EVENTS.typeInfo())
            .name("DWD ops event rows")
            .uid("dwd-ops-event-rows"));
    sinks.opsMinute(
        read(
            env,
            bootstrapServers,
            List.of(topics.health()),
            bounded,
            OpsRows::minute,
            OpsRows.MINUTE,
            PipelineSource.OPS_HEALTH));
    return events
        .map(SlicedOpsEvent::event, TypeInformation.of(OpsEvent.class))
        .name("Delivery-chain events")
        .uid("ops-events-unsliced");
  }

  private static DataStream<RowData> read(
      StreamExecutionEnvironment env,
      String bootstrapServers,
      List<String> topics,
      boolean bounded,
      SerializableFunction<ConsumerRecord<byte[], byte[]>, RowData> row,
      TableRow table,
      PipelineSource source) {
    return read(env, bootstrapServers, topics, bounded, row, table.typeInfo(), source);
  }

  private static <T> DataStream<T> read(
      StreamExecutionEnvironment env,
      String bootstrapServers,
      List<String> topics,
      boolean bounded,
      SerializableFunction<ConsumerRecord<byte[], byte[]>, T> decode,
      TypeInformation<T> type,
      PipelineSource source) {
    KafkaSource<T> kafka =
        KafkaBeaconSources.source(
            bootstrapServers, topics, source.groupId(), bounded, new RecordDecoder<>(decode, type));
    return env.fromSource(kafka, WatermarkStrategy.noWatermarks(), "Kafka " + source.sourceName())
        .uid("kafka-" + source.sourceName());
  }
}
