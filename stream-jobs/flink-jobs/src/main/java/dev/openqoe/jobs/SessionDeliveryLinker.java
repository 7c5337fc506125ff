package dev.openqoe.jobs;

import dev.openqoe.ops.OpsEvent;
import dev.openqoe.rootcause.DeliveryRecord;
import dev.openqoe.rootcause.FailureStageRule;
import dev.openqoe.rootcause.SessionOutcome;
import dev.openqoe.rootcause.TranscodeFailures;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

/**
 * Links each session to what the delivery chain recorded of it, and attributes its failure to a
 * stage ({@link FailureStageRule}). Keyed by session id; the transcode jobs come broadcast, as the
 * failed renditions per asset.
 *
 * <p>The session's row is written as soon as its facts arrive, so linking never holds a session
 * back. Delivery events arrive late (CDN standard logs up to hours after the request): each one
 * that comes after the row was written makes a new revision, at most one per {@code flushDelay}.
 * The state is kept {@code retention} after the session's facts arrived (or after its first event,
 * for events of a session not closed yet), by the pipeline's clock: events later than that are
 * still in {@code dwd.ops_events} but no longer change the session's record.
 */
public final class SessionDeliveryLinker
    extends KeyedBroadcastProcessFunction<String, SessionLinkInput, OpsEvent, RowData> {

  /** Failed renditions per content id, as {@link TranscodeFailures} keeps them. */
  static final MapStateDescriptor<String, String> FAILED_RENDITIONS =
      new MapStateDescriptor<>("failed-renditions", Types.STRING, Types.STRING);

  private static final long serialVersionUID = 1L;

  private final long retentionMs;
  private final long flushDelayMs;

  private transient ValueState<DeliveryRecord> delivery;
  private transient ValueState<SessionOutcome> outcome;
  private transient ValueState<String> fatalErrorCode;
  private transient ValueState<Integer> revision;
  private transient ValueState<Long> flushAt;
  private transient ValueState<Long> expireAt;

  public SessionDeliveryLinker(Duration retention, Duration flushDelay) {
    this.retentionMs = retention.toMillis();
    this.flushDelayMs = flushDelay.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    delivery =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("delivery", TypeInformation.of(DeliveryRecord.class)));
    outcome =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("outcome", TypeInformation.of(SessionOutcome.class)));
    fatalErrorCode =
        getRuntimeContext().getState(new ValueStateDescriptor<>("fatal-error", Types.STRING));
    revision = getRuntimeContext().getState(new ValueStateDescriptor<>("revision", Types.INT));
    flushAt = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-at", Types.LONG));
    expireAt = getRuntimeContext().getState(new ValueStateDescriptor<>("expire-at", Types.LONG));
  }

  @Override
  public void processElement(SessionLinkInput input, ReadOnlyContext ctx, Collector<RowData> out)
      throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    boolean changed = false;
    if (input.event() != null) {
      delivery.update(current().plus(input.event()));
      changed = true;
    }
    if (input.fatalErrorCode() != null && fatalErrorCode.value() == null) {
      fatalErrorCode.update(input.fatalErrorCode());
      changed = true;
    }
    if (input.outcome() != null && outcome.value() == null) {
      outcome.update(input.outcome());
      expireAt(ctx, now + retentionMs);
      emit(ctx.getBroadcastState(FAILED_RENDITIONS), now, out);
      return;
    }
    if (expireAt.value() == null) {
      expireAt(ctx, now + retentionMs);
    }
    // A session's row exists once its facts came: later changes wait for one revision per delay.
    if (changed && outcome.value() != null && flushAt.value() == null) {
      flushAt.update(now + flushDelayMs);
      ctx.timerService().registerProcessingTimeTimer(now + flushDelayMs);
    }
  }

  @Override
  public void processBroadcastElement(OpsEvent event, Context ctx, Collector<RowData> out)
      throws Exception {
    if (event.job() == null || event.contentId() == null) {
      return;
    }
    var failed = ctx.getBroadcastState(FAILED_RENDITIONS);
    String after = TranscodeFailures.after(failed.get(event.contentId()), event.job());
    if (after == null) {
      failed.remove(event.contentId());
    } else {
      failed.put(event.contentId(), after);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<RowData> out) throws Exception {
    Long flush = flushAt.value();
    Long expire = expireAt.value();
    boolean expiring = expire != null && expire == timestamp;
    if (flush != null && (flush == timestamp || expiring)) {
      flushAt.clear();
      ctx.timerService().deleteProcessingTimeTimer(flush);
      emit(ctx.getBroadcastState(FAILED_RENDITIONS), timestamp, out);
    }
    if (expiring) {
      delivery.clear();
      outcome.clear();
      fatalErrorCode.clear();
      revision.clear();
      expireAt.clear();
    }
  }

  private DeliveryRecord current() throws Exception {
    DeliveryRecord record = delivery.value();
    return record == null ? DeliveryRecord.EMPTY : record;
  }

  private void expireAt(ReadOnlyContext ctx, long at) throws Exception {
    Long previous = expireAt.value();
    if (previous != null) {
      ctx.timerService().deleteProcessingTimeTimer(previous);
    }
    expireAt.update(at);
    ctx.timerService().registerProcessingTimeTimer(at);
  }

  /** Writes the session's next revision, when it failed or anything is linked to it. */
  private void emit(ReadOnlyBroadcastState<String, String> failed, long now, Collector<RowData> out)
      throws Exception {
    SessionOutcome session = outcome.value().withFatalErrorCode(fatalErrorCode.value());
    DeliveryRecord record = current();
    if (!session.failed() && !record.linked()) {
      return;
    }
    String failedRenditions = session.assetId() == null ? null : failed.get(session.assetId());
    int next = revision.value() == null ? 1 : revision.value() + 1;
    revision.update(next);
    out.collect(
        SessionDeliveryRows.row(
            session,
            record,
            FailureStageRule.decide(session, record, TranscodeFailures.parse(failedRenditions)),
            failedRenditions,
            next,
            now));
  }
}
