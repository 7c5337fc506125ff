package dev.openqoe.jobs;

import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.TableDefinition;
import dev.openqoe.warehouse.WarehouseCatalog;
import dev.openqoe.warehouse.WarehouseConfig;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Production sinks: every table, the delivery chain's and the SLO alerts' too, to Iceberg
 * (committed on checkpoints: with the Kafka offsets kept in the same checkpoints, each row lands
 * exactly once), and sessions, intervals and delivery records also to Kafka as JSON for the
 * real-time layer, at least once and as soon as they are made. A restart from a checkpoint emits
 * again the rows made since it; Pinot keeps the first row of each primary key (dedup on sessions
 * and intervals, upsert on delivery records), so they are not counted twice. Waiting for the
 * checkpoint instead (Kafka transactions) would delay every real-time row by up to a checkpoint
 * interval.
 */
public final class WarehouseSinks implements PipelineSinks, OpsSinks, SloAlertSinks {

  private final CatalogLoader catalog;
  private final String bootstrapServers;
  private final String sessionsTopic;
  private final String intervalsTopic;
  private final boolean boundedInput;

  /**
   * Writes the real-time rows to {@link QoeTopics#SESSIONS} and {@link QoeTopics#INTERVALS}.
   *
   * @param bootstrapServers Kafka for the real-time topics, or null to write Iceberg only
   */
  public WarehouseSinks(WarehouseConfig warehouse, String bootstrapServers) {
    this(warehouse, bootstrapServers, QoeTopics.SESSIONS.name(), QoeTopics.INTERVALS.name());
  }

  /** Writes the real-time rows to the given topics instead. */
  public WarehouseSinks(
      WarehouseConfig warehouse,
      String bootstrapServers,
      String sessionsTopic,
      String intervalsTopic) {
    this(
        WarehouseCatalog.loader(warehouse), bootstrapServers, sessionsTopic, intervalsTopic, false);
  }

  private WarehouseSinks(
      CatalogLoader catalog,
      String bootstrapServers,
      String sessionsTopic,
      String intervalsTopic,
      boolean boundedInput) {
    this.catalog = catalog;
    this.bootstrapServers = bootstrapServers;
    this.sessionsTopic = sessionsTopic;
    this.intervalsTopic = intervalsTopic;
    this.boundedInput = boundedInput;
  }

  /**
   * The same sinks for input that ends (a replay of a topic up to its end), with one Iceberg writer
   * per table. Iceberg 1.10's files committer files every writer's end-of-input flush under one
   * key, and a checkpoint taken between two writers finishing makes it drop the first writer's last
   * files. Unbounded input never ends, so the streaming job keeps its parallel writers.
   */
  public WarehouseSinks forBoundedInput() {
    return new WarehouseSinks(catalog, bootstrapServers, sessionsTopic, intervalsTopic, true);
  }

  @Override
  public void odsBeacons(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.ODS_BEACONS);
  }

  @Override
  public void odsRejected(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.ODS_REJECTED);
  }

  @Override
  public void sessions(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.DWD_SESSIONS);
    kafka(rows, sessionsTopic, WarehouseRows.SESSIONS, "sessions");
  }

  @Override
  public void intervals(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.DWD_INTERVALS);
    kafka(rows, intervalsTopic, WarehouseRows.INTERVALS, "intervals");
  }

  @Override
  public void lateBeacons(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.DWD_LATE);
  }

  @Override
  public void dwsMinute(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.DWS_MINUTE);
  }

  @Override
  public void dwsHour(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.DWS_HOUR);
  }

  @Override
  public void sessionDelivery(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.DWD_SESSION_DELIVERY);
    kafka(
        rows,
        QoeTopics.SESSION_DELIVERY.name(),
        SessionDeliveryRows.SESSION_DELIVERY,
        "session-delivery");
  }

  @Override
  public void opsRaw(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.ODS_OPS_RAW);
  }

  @Override
  public void opsRejected(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.ODS_OPS_REJECTED);
  }

  @Override
  public void opsEvents(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.DWD_OPS_EVENTS);
  }

  @Override
  public void opsMinute(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.DWS_OPS_MINUTE);
  }

  @Override
  public void sloAlerts(DataStream<RowData> rows) {
    iceberg(rows, QoeTables.DWS_SLO_ALERTS);
  }

  private void iceberg(DataStream<RowData> rows, TableDefinition table) {
    FlinkSink.Builder sink =
        FlinkSink.forRowData(rows)
            .tableLoader(TableLoader.fromCatalog(catalog, table.id()))
            .uidPrefix("iceberg-" + table.name());
    if (boundedInput) {
      sink.writeParallelism(1);
    }
    sink.append().name("Iceberg " + table.name());
  }

  private void kafka(DataStream<RowData> rows, String topic, TableRow table, String name) {
    if (bootstrapServers == null) {
      return;
    }
    RowJson json = new RowJson(table);
    int sessionId = table.position("session_id");
    KafkaRecordSerializationSchema<RowData> serializer =
        (row, context, eventTime) ->
            // Stamped when published, not with the row's event time: Kafka's time-based retention
            // would delete rows of a replayed or late-closing past at once.
            new ProducerRecord<>(
                topic,
                null,
                null,
                row.getString(sessionId).toString().getBytes(StandardCharsets.UTF_8),
                json.toJson(row));
    rows.sinkTo(
            KafkaSink.<RowData>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build())
        .name("Kafka " + topic)
        .uid("kafka-" + name);
  }
}
