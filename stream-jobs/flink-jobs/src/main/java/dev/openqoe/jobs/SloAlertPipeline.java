package dev.openqoe.jobs;

import dev.openqoe.kafka.PipelineSource;
import dev.openqoe.kafka.QoeTopics;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;

/**
 * The SLO evaluator's alert log ({@code qoe.slo.alerts.v1}) into {@code dws.slo_alerts}: each
 * transition one row, exactly once (offsets and Iceberg commits share the checkpoints). Records
 * that are not alert records are logged and counted by the source ({@link RecordDecoder}): the
 * evaluator writes only records it made, so one that is not is a foreign producer's, or a bug, and
 * stays in the topic to be looked at.
 */
public final class SloAlertPipeline {

  /** The alert log the evaluator writes. */
  public static final String DEFAULT_TOPIC = QoeTopics.SLO_ALERTS.name();

  private SloAlertPipeline() {}

  /**
   * @param topic the alert log
   * @param bounded read up to the offsets that exist now and stop (tests)
   */
  public static void build(
      StreamExecutionEnvironment env,
      String bootstrapServers,
      String topic,
      boolean bounded,
      SloAlertSinks sinks) {
    sinks.sloAlerts(
        env.fromSource(
                KafkaBeaconSources.source(
                    bootstrapServers,
                    List.of(topic),
                    PipelineSource.SLO_ALERTS.groupId(),
                    bounded,
                    new RecordDecoder<RowData>(SloAlertRows::row, SloAlertRows.ALERTS.typeInfo())),
                WatermarkStrategy.noWatermarks(),
                "Kafka slo-alerts")
            .uid("kafka-slo-alerts"));
  }
}
