package dev.openqoe.jobs;

import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.RejectedBeacon;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.table.data.RowData;

/**
 * The QoE dataflow, independent of where beacons come from and rows go: ODS copies, the sessionizer
 * (DWD sessions, intervals, late beacons) and the DWS minute and hour totals. Every operator has a
 * stable uid, so a savepoint of one release restores into the next.
 */
public final class QoePipeline {

  private QoePipeline() {}

  /**
   * @param beacons valid beacons, with event time already assigned (see {@link #watermarks})
   * @param rejected the collector's rejected input
   * @return the dwd.sessions rows
   */
  public static DataStream<RowData> build(
      DataStream<IngestedBeacon> beacons,
      DataStream<RejectedBeacon> rejected,
      PipelineSinks sinks,
      PipelineConfig config) {
    sinks.odsBeacons(
        beacons
            .map(WarehouseRows::beacon, WarehouseRows.ODS_BEACONS.typeInfo())
            .name("ODS beacon rows")
            .uid("ods-beacon-rows"));
    sinks.odsRejected(
        rejected
            .map(WarehouseRows::rejected, WarehouseRows.ODS_REJECTED.typeInfo())
            .name("ODS rejected rows")
            .uid("ods-rejected-rows"));

    SingleOutputStreamOperator<RowData> sessions =
        beacons
            .keyBy(beacon -> beacon.event().sessionId())
            .process(config.sessionizer(), WarehouseRows.SESSIONS.typeInfo())
            .name("Sessionizer")
            .uid("sessionizer");
    sinks.sessions(sessions);
    sinks.intervals(sessions.getSideOutput(SessionizerFunction.INTERVALS));
    sinks.lateBeacons(sessions.getSideOutput(SessionizerFunction.LATE));

    sinks.dwsMinute(totals(sessions, Duration.ofMinutes(1), WarehouseRows.DWS_MINUTE, "minute"));
    sinks.dwsHour(totals(sessions, Duration.ofHours(1), WarehouseRows.DWS_HOUR, "hour"));
    return sessions;
  }

  /**
   * Event time is the collector's receive time: device clocks are not trusted for ordering. A quiet
   * partition follows the wall clock (see {@link ReceiveTimeWatermarks}).
   */
  public static WatermarkStrategy<IngestedBeacon> watermarks(PipelineConfig config) {
    Duration delay = config.watermarkDelay();
    Duration quietAfter = config.quietAfter();
    return WatermarkStrategy.<IngestedBeacon>forGenerator(
            context -> new ReceiveTimeWatermarks<>(delay, quietAfter, System::currentTimeMillis))
        .withTimestampAssigner((beacon, kafkaTime) -> beacon.receipt().receivedAt());
  }

  private static DataStream<RowData> totals(
      DataStream<RowData> sessions, Duration window, TableRow table, String grain) {
    return sessions
        .keyBy(SessionTotals::groupKey)
        .window(TumblingEventTimeWindows.of(window))
        .aggregate(
            new SessionTotalsAggregate(),
            new DwsWindowRow(table),
            TypeInformation.of(SessionTotals.class),
            TypeInformation.of(SessionTotals.class),
            table.typeInfo())
        .name("DWS totals per " + grain)
        .uid("dws-totals-" + grain);
  }
}
