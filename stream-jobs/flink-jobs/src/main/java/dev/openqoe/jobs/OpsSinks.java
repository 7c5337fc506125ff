package dev.openqoe.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;

/**
 * Where the delivery chain's rows go; each stream carries rows of the warehouse table it is named
 * after.
 */
public interface OpsSinks {

  void opsRaw(DataStream<RowData> rows);

  void opsRejected(DataStream<RowData> rows);

  void opsEvents(DataStream<RowData> rows);

  void opsMinute(DataStream<RowData> rows);
}
