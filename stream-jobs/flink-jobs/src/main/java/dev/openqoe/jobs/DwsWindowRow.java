package dev.openqoe.jobs;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

/** Writes a window's totals as one row of a DWS table, stamped with the window's start. */
final class DwsWindowRow extends ProcessWindowFunction<SessionTotals, RowData, String, TimeWindow> {

  private static final long serialVersionUID = 1L;

  private final TableRow table;

  DwsWindowRow(TableRow table) {
    this.table = table;
  }

  @Override
  public void process(
      String group, Context context, Iterable<SessionTotals> totals, Collector<RowData> out) {
    for (SessionTotals total : totals) {
      out.collect(total.toRow(table, context.window().getStart()));
    }
  }
}
