package dev.openqoe.jobs;

import dev.openqoe.protocol.SessionDimensions;
import dev.openqoe.protocol.StreamType;
import dev.openqoe.protocol.WireEnum;
import dev.openqoe.session.EndedBy;
import dev.openqoe.session.QoeAggregate;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.StartupOutcome;
import dev.openqoe.session.StartupTimeHistogram;
import dev.openqoe.warehouse.QoeTables;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.RowData;

/**
 * The additive QoE totals of one DWS group (window x dimensions): {@link QoeAggregate} plus the
 * startup-time histogram, so every rate and percentile can be re-derived from stored rows.
 */
final class SessionTotals {

  private static final TableRow SESSIONS = WarehouseRows.SESSIONS;

  final QoeAggregate totals = new QoeAggregate();
  final StartupTimeHistogram startupTimes = new StartupTimeHistogram();
  long startupTimeSumMs;

  /** Values of {@link QoeTables#AGGREGATE_DIMENSIONS}, taken from the first session added. */
  List<Object> dimensions;

  /** The DWS grouping key of a {@code dwd.sessions} row: its aggregate dimensions, joined. */
  static String groupKey(RowData session) {
    StringBuilder key = new StringBuilder();
    for (Object value : dimensionValues(session)) {
      key.append(value == null ? "\u0000" : value).append('\u0001');
    }
    return key.toString();
  }

  /** The values of {@link QoeTables#AGGREGATE_DIMENSIONS} in a {@code dwd.sessions} row. */
  private static List<Object> dimensionValues(RowData session) {
    List<Object> values = new ArrayList<>();
    for (String column : QoeTables.AGGREGATE_DIMENSIONS) {
      values.add(
          column.equals("asn")
              ? SESSIONS.nullableLong(session, column)
              : SESSIONS.string(session, column));
    }
    return values;
  }

  void add(RowData session) {
    if (dimensions == null) {
      dimensions = dimensionValues(session);
    }
    SessionFacts facts = facts(session);
    totals.add(facts);
    if (facts.started() && facts.vstMs() != null) {
      startupTimes.add(facts.vstMs());
      startupTimeSumMs += facts.vstMs();
    }
  }

  void merge(SessionTotals other) {
    if (dimensions == null) {
      dimensions = other.dimensions;
    }
    totals.merge(other.totals);
    startupTimes.merge(other.startupTimes);
    startupTimeSumMs += other.startupTimeSumMs;
  }

  RowData toRow(TableRow table, long windowStart) {
    TableRow.Builder row = table.builder().timestamp("window_start", windowStart);
    for (int i = 0; i < QoeTables.AGGREGATE_DIMENSIONS.size(); i++) {
      row.set(QoeTables.AGGREGATE_DIMENSIONS.get(i), dimensions.get(i));
    }
    return row.set("sessions", totals.sessions())
        .set("attempts", totals.attempts())
        .set("started", totals.started())
        .set("vsf", totals.vsf())
        .set("vsf_business", totals.vsfBusiness())
        .set("ebvs", totals.ebvs())
        .set("vpf", totals.vpf())
        .set("vpf_business", totals.vpfBusiness())
        .set("play_ms", totals.playMs())
        .set("rebuffer_ms", totals.rebufferMs())
        .set("rebuffer_count", totals.rebufferCount())
        .set("ad_ms", totals.adMs())
        .set("error_count", totals.errorCount())
        .set("bitrate_weighted_play_ms", totals.bitrateWeightedPlayMs())
        .set("bitrate_play_ms", totals.bitrateKnownPlayMs())
        .set("vst_count", startupTimes.count())
        .set("vst_sum_ms", startupTimeSumMs)
        .longArray("vst_histogram", startupTimes.counts())
        .build();
  }

  /** The facts of a {@code dwd.sessions} row, as far as aggregation needs them. */
  static SessionFacts facts(RowData row) {
    String outcome = SESSIONS.string(row, "startup_outcome");
    String streamType = SESSIONS.string(row, "stream_type");
    return new SessionFacts(
        SESSIONS.string(row, "session_id"),
        row.getTimestamp(SESSIONS.position("started_at"), 6).getMillisecond(),
        row.getTimestamp(SESSIONS.position("ended_at"), 6).getMillisecond(),
        WireEnum.fromWire(EndedBy.class, SESSIONS.string(row, "ended_by")),
        row.getBoolean(SESSIONS.position("attempt")),
        outcome == null ? null : WireEnum.fromWire(StartupOutcome.class, outcome),
        SESSIONS.nullableLong(row, "vst_ms"),
        row.getLong(SESSIONS.position("play_ms")),
        row.getLong(SESSIONS.position("rebuffer_ms")),
        row.getInt(SESSIONS.position("rebuffer_count")),
        row.getLong(SESSIONS.position("ad_ms")),
        row.getInt(SESSIONS.position("seek_count")),
        row.getInt(SESSIONS.position("error_count")),
        row.getInt(SESSIONS.position("bitrate_switches")),
        row.isNullAt(SESSIONS.position("avg_bitrate_kbps"))
            ? null
            : row.getDouble(SESSIONS.position("avg_bitrate_kbps")),
        row.getBoolean(SESSIONS.position("vpf")),
        row.getBoolean(SESSIONS.position("vpf_business")),
        new SessionDimensions(
            SESSIONS.string(row, "viewer_id"),
            SESSIONS.string(row, "asset_id"),
            streamType == null ? null : WireEnum.fromWire(StreamType.class, streamType),
            SESSIONS.string(row, "player_name"),
            SESSIONS.string(row, "player_version"),
            SESSIONS.string(row, "device_type"),
            SESSIONS.string(row, "os"),
            SESSIONS.string(row, "app_version"),
            SESSIONS.string(row, "cdn"),
            SESSIONS.string(row, "drm_system"),
            null));
  }
}
