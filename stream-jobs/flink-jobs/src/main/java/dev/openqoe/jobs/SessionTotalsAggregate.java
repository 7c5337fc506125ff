package dev.openqoe.jobs;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.table.data.RowData;

/** Adds closed sessions into the totals of their DWS group, incrementally. */
final class SessionTotalsAggregate
    implements AggregateFunction<RowData, SessionTotals, SessionTotals> {

  private static final long serialVersionUID = 1L;

  @Override
  public SessionTotals createAccumulator() {
    return new SessionTotals();
  }

  @Override
  public SessionTotals add(RowData session, SessionTotals totals) {
    totals.add(session);
    return totals;
  }

  @Override
  public SessionTotals getResult(SessionTotals totals) {
    return totals;
  }

  @Override
  public SessionTotals merge(SessionTotals a, SessionTotals b) {
    a.merge(b);
    return a;
  }
}
