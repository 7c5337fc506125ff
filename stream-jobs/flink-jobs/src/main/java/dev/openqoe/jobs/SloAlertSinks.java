package dev.openqoe.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;

/** Where the SLO evaluator's alert transitions go: rows of {@code dws.slo_alerts}. */
public interface SloAlertSinks {

  void sloAlerts(DataStream<RowData> rows);
}
