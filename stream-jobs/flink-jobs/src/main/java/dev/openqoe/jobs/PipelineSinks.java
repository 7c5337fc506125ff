package dev.openqoe.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;

/**
 * Where the pipeline's outputs go. Each stream carries rows of the warehouse table it is named
 * after; an implementation attaches sinks (Iceberg and Kafka in production).
 */
public interface PipelineSinks {

  void odsBeacons(DataStream<RowData> rows);

  void odsRejected(DataStream<RowData> rows);

  void sessions(DataStream<RowData> rows);

  void intervals(DataStream<RowData> rows);

  void lateBeacons(DataStream<RowData> rows);

  void dwsMinute(DataStream<RowData> rows);

  void dwsHour(DataStream<RowData> rows);

  void sessionDelivery(DataStream<RowData> rows);
}
