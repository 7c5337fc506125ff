package dev.openqoe.jobs;

import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.session.BeaconVerdict;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.SessionInterval;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns each session's beacons into its {@code dwd.sessions} row, its {@code dwd.session_intervals}
 * rows (side output {@link #INTERVALS}) and the beacons it refused (side output {@link #LATE}),
 * with the same {@link SessionAccumulator} as {@code qoe replay}.
 *
 * <p>Time is the collector's receive time (event time of the stream). A beacon that follows the
 * applied ones without a gap in {@code seq} (or repeats one of them) is applied at once. One after
 * a gap waits {@code reorderBound} so that lower {@code seq} numbers received a little later still
 * come first; when it is released, every pending beacon up to its {@code seq} is applied in order,
 * and so is every pending one that then follows without a gap. A session closes on {@code end}, on
 * a fatal error, or after {@code inactivityTimeout} without beacons. Its key then keeps a small
 * marker for {@code closedRetention}, so beacons arriving after the close are routed to {@code
 * dwd.late_beacons} with the reason instead of opening a new session (repeats of beacons it applied
 * while its numbering had no gap are duplicates, and CMCD reports after an end are counted as
 * trailing reports, see {@link BeaconVerdict#TRAILING_REPORT}); after that every piece of state and
 * every timer of the key is gone.
 */
public final class SessionizerFunction
    extends KeyedProcessFunction<String, IngestedBeacon, RowData> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<RowData> INTERVALS =
      new OutputTag<>("session-intervals", WarehouseRows.INTERVALS.typeInfo());
  public static final OutputTag<RowData> LATE =
      new OutputTag<>("late-beacons", WarehouseRows.LATE.typeInfo());

  private final long reorderBoundMs;
  private final long inactivityTimeoutMs;
  private final long intervalMs;
  private final long closedRetentionMs;

  private transient ValueState<byte[]> session;
  private transient MapState<Long, IngestedBeacon> pending;
  private transient ValueState<Long> lastReceivedAt;
  private transient ValueState<String> closedReason;
  private transient ValueState<Long> closedUntil;
  private transient ValueState<Long> closedAppliedThrough;
  private transient Counter duplicates;
  private transient Counter lateBeacons;
  private transient Counter trailingReports;
  private transient Counter sessionsClosed;

  public SessionizerFunction(
      Duration reorderBound,
      Duration inactivityTimeout,
      Duration interval,
      Duration closedRetention) {
    this.reorderBoundMs = reorderBound.toMillis();
    this.inactivityTimeoutMs = inactivityTimeout.toMillis();
    this.intervalMs = interval.toMillis();
    this.closedRetentionMs = closedRetention.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    session =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "session", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "pending-beacons", Types.LONG, IngestedBeaconTypeInfo.INSTANCE));
    lastReceivedAt =
        getRuntimeContext().getState(new ValueStateDescriptor<>("last-received-at", Types.LONG));
    closedReason =
        getRuntimeContext().getState(new ValueStateDescriptor<>("closed-reason", Types.STRING));
    closedUntil =
        getRuntimeContext().getState(new ValueStateDescriptor<>("closed-until", Types.LONG));
    closedAppliedThrough =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("closed-applied-through", Types.LONG));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateBeacons");
    lateBeacons = getRuntimeContext().getMetricGroup().counter("lateBeacons");
    trailingReports = getRuntimeContext().getMetricGroup().counter("trailingCmcdReports");
    sessionsClosed = getRuntimeContext().getMetricGroup().counter("sessionsClosed");
  }

  @Override
  public void processElement(IngestedBeacon beacon, Context ctx, Collector<RowData> out)
      throws Exception {
    long seq = beacon.event().seq();
    String closed = closedReason.value();
    if (closed != null) {
      Long appliedThrough = closedAppliedThrough.value();
      if (appliedThrough != null && seq <= appliedThrough) {
        duplicates.inc(); // a retry of a beacon the session applied, e.g. of its end
      } else {
        refuse(ctx, beacon, closed);
      }
      return;
    }
    if (pending.contains(seq)) {
      duplicates.inc();
      return;
    }
    long receivedAt = beacon.receipt().receivedAt();
    Long last = lastReceivedAt.value();
    if (last == null || receivedAt > last) {
      if (last != null) {
        ctx.timerService().deleteEventTimeTimer(plus(last, inactivityTimeoutMs));
      }
      lastReceivedAt.update(receivedAt);
      ctx.timerService().registerEventTimeTimer(plus(receivedAt, inactivityTimeoutMs));
    }
    SessionState state = load();
    boolean afterGap = state == null ? seq > 0 : state.accumulator.afterGap(seq);
    if (afterGap) {
      pending.put(seq, beacon);
      ctx.timerService().registerEventTimeTimer(plus(receivedAt, reorderBoundMs));
      return;
    }
    // Nothing can still come before it: applied now, not after the reorder bound, so a session's
    // rows leave as soon as its end beacon arrives, whatever the watermark.
    state = apply(beacon, state, ctx);
    state = applyWaitingSuccessors(state, ctx);
    if (state.accumulator.isClosed()) {
      close(receivedAt, state, ctx, out);
    } else {
      save(state);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<RowData> out) throws Exception {
    if (closedReason.value() != null) {
      if (timestamp >= closedUntil.value()) {
        closedReason.clear();
        closedUntil.clear();
        closedAppliedThrough.clear();
      }
      return;
    }
    SessionState state = load();
    state = releaseDue(timestamp, state, ctx);
    Long last = lastReceivedAt.value();
    boolean inactive = last != null && timestamp >= plus(last, inactivityTimeoutMs);
    if (state != null && (state.accumulator.isClosed() || inactive)) {
      close(timestamp, state, ctx, out);
    } else if (state != null) {
      save(state);
    }
  }

  /** Applies, in seq order, every pending beacon up to the highest seq whose wait is over. */
  private SessionState releaseDue(long timestamp, SessionState state, Context ctx)
      throws Exception {
    long maxDueSeq = -1;
    for (Map.Entry<Long, IngestedBeacon> entry : pending.entries()) {
      if (plus(entry.getValue().receipt().receivedAt(), reorderBoundMs) <= timestamp) {
        maxDueSeq = Math.max(maxDueSeq, entry.getKey());
      }
    }
    if (maxDueSeq < 0) {
      return state;
    }
    for (IngestedBeacon beacon : pendingInSeqOrder()) {
      if (beacon.event().seq() > maxDueSeq) {
        break;
      }
      pending.remove(beacon.event().seq());
      state = apply(beacon, state, ctx);
    }
    return applyWaitingSuccessors(state, ctx);
  }

  /** Applies the pending beacons that now follow the applied ones without a gap. */
  private SessionState applyWaitingSuccessors(SessionState state, Context ctx) throws Exception {
    for (IngestedBeacon beacon : pendingInSeqOrder()) {
      if (state.accumulator.isClosed() || state.accumulator.afterGap(beacon.event().seq())) {
        break;
      }
      pending.remove(beacon.event().seq());
      state = apply(beacon, state, ctx);
    }
    return state;
  }

  private List<IngestedBeacon> pendingInSeqOrder() throws Exception {
    List<IngestedBeacon> waiting = new ArrayList<>();
    pending.values().forEach(waiting::add);
    waiting.sort(Comparator.comparingLong(b -> b.event().seq()));
    return waiting;
  }

  private SessionState apply(IngestedBeacon beacon, SessionState state, Context ctx) {
    if (state == null) {
      state =
          new SessionState(
              new SessionAccumulator(
                  beacon.event().sessionId(),
                  Duration.ofMillis(inactivityTimeoutMs),
                  Duration.ofMillis(intervalMs)),
              IngestDimensions.NONE);
    }
    BeaconVerdict verdict = state.accumulator.offer(beacon.event());
    if (verdict.applied()) {
      state = new SessionState(state.accumulator, state.ingest.overlay(beacon.receipt()));
    } else if (verdict == BeaconVerdict.DUPLICATE) {
      duplicates.inc();
    } else if (verdict == BeaconVerdict.TRAILING_REPORT) {
      trailingReports.inc();
    } else {
      late(ctx, beacon, verdict.reason());
    }
    emitIntervals(state, ctx);
    return state;
  }

  private void close(long timestamp, SessionState state, Context ctx, Collector<RowData> out)
      throws Exception {
    SessionFacts facts = state.accumulator.close();
    out.collect(WarehouseRows.session(facts, state.ingest, timestamp));
    emitIntervals(state, ctx);
    sessionsClosed.inc();
    String reason =
        facts.endedBy() == dev.openqoe.session.EndedBy.TIMEOUT
            ? BeaconVerdict.AFTER_TIMEOUT.reason()
            : BeaconVerdict.AFTER_END.reason();
    for (IngestedBeacon leftover : pending.values()) {
      refuse(ctx, leftover, reason);
    }
    pending.clear();
    session.clear();
    Long last = lastReceivedAt.value();
    if (last != null && plus(last, inactivityTimeoutMs) > timestamp) {
      ctx.timerService().deleteEventTimeTimer(plus(last, inactivityTimeoutMs));
    }
    lastReceivedAt.clear();
    long until = plus(timestamp, closedRetentionMs);
    if (state.accumulator.appliedThrough() >= 0) {
      closedAppliedThrough.update(state.accumulator.appliedThrough());
    }
    closedReason.update(reason);
    closedUntil.update(until);
    ctx.timerService().registerEventTimeTimer(until);
  }

  private void emitIntervals(SessionState state, Context ctx) {
    for (SessionInterval interval : state.accumulator.drainIntervals()) {
      ctx.output(INTERVALS, WarehouseRows.interval(interval, state.ingest));
    }
  }

  /** A beacon of a closed session: late, unless it is a CMCD report trailing the session's end. */
  private void refuse(Context ctx, IngestedBeacon beacon, String closedReason) {
    boolean afterEnd = closedReason.equals(BeaconVerdict.AFTER_END.reason());
    if (afterEnd && BeaconVerdict.afterEnd(beacon.event()) == BeaconVerdict.TRAILING_REPORT) {
      trailingReports.inc();
    } else {
      late(ctx, beacon, closedReason);
    }
  }

  private void late(Context ctx, IngestedBeacon beacon, String reason) {
    lateBeacons.inc();
    ctx.output(LATE, WarehouseRows.late(beacon, reason));
  }

  private SessionState load() throws IOException {
    byte[] bytes = session.value();
    if (bytes == null) {
      return null;
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    return new SessionState(SessionAccumulator.readFrom(in), IngestDimensions.readFrom(in));
  }

  private void save(SessionState state) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(384);
    DataOutputStream out = new DataOutputStream(bytes);
    state.accumulator.writeTo(out);
    state.ingest.writeTo(out);
    session.update(bytes.toByteArray());
  }

  /** Timer arithmetic that stays at the end of time instead of wrapping around. */
  private static long plus(long time, long ms) {
    long sum = time + ms;
    return sum < time ? Long.MAX_VALUE : sum;
  }

  private record SessionState(SessionAccumulator accumulator, IngestDimensions ingest) {}
}
