package dev.openqoe.jobs;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.PlaybackError;
import dev.openqoe.protocol.Receipt;
import dev.openqoe.protocol.RejectedBeacon;
import dev.openqoe.protocol.SessionDimensions;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.SessionInterval;
import dev.openqoe.warehouse.QoeTables;
import java.util.Locale;
import org.apache.flink.table.data.RowData;

/**
 * Rows of the warehouse tables (column layouts in {@link QoeTables}) from the pipeline's values.
 */
final class WarehouseRows {

  static final TableRow ODS_BEACONS = new TableRow(QoeTables.ODS_BEACONS);
  static final TableRow ODS_REJECTED = new TableRow(QoeTables.ODS_REJECTED);
  static final TableRow SESSIONS = new TableRow(QoeTables.DWD_SESSIONS);
  static final TableRow INTERVALS = new TableRow(QoeTables.DWD_INTERVALS);
  static final TableRow LATE = new TableRow(QoeTables.DWD_LATE);
  static final TableRow DWS_MINUTE = new TableRow(QoeTables.DWS_MINUTE);
  static final TableRow DWS_HOUR = new TableRow(QoeTables.DWS_HOUR);

  private WarehouseRows() {}

  static RowData beacon(IngestedBeacon beacon) {
    return beaconColumns(ODS_BEACONS.builder(), beacon).build();
  }

  static RowData late(IngestedBeacon beacon, String reason) {
    return beaconColumns(LATE.builder(), beacon).set("reason", reason).build();
  }

  static RowData rejected(RejectedBeacon r) {
    return ODS_REJECTED
        .builder()
        .set("payload", r.payload())
        .set("reason", r.reason())
        .set("field", r.field())
        .set("batch_index", r.batchIndex())
        .set("property_id", r.propertyId())
        .timestamp("received_at", r.receivedAt())
        .set("source", r.source().wireName())
        .set("client_ip", r.clientIp())
        .set("user_agent", r.userAgent())
        .build();
  }

  static RowData session(SessionFacts s, IngestDimensions ingest, long closedAt) {
    TableRow.Builder row =
        SESSIONS
            .builder()
            .set("session_id", s.sessionId())
            .timestamp("started_at", s.startedAt())
            .timestamp("ended_at", s.endedAt())
            .set("ended_by", s.endedBy().wireName())
            .set("attempt", s.attempt())
            .set(
                "startup_outcome",
                s.startupOutcome() == null ? null : s.startupOutcome().wireName())
            .set("vst_ms", s.vstMs())
            .set("play_ms", s.playMs())
            .set("rebuffer_ms", s.rebufferMs())
            .set("rebuffer_count", s.rebufferCount())
            .set("rbr", s.rbr())
            .set("ad_ms", s.adMs())
            .set("seek_count", s.seekCount())
            .set("error_count", s.errorCount())
            .set("bitrate_switches", s.bitrateSwitches())
            .set("avg_bitrate_kbps", s.avgBitrateKbps())
            .set("vpf", s.vpf())
            .set("vpf_business", s.vpfBusiness())
            .stringMap("custom", s.dimensions().custom())
            .timestamp("closed_at", closedAt);
    dimensionColumns(row, s.dimensions());
    return ingestColumns(row, ingest).build();
  }

  static RowData interval(SessionInterval i, IngestDimensions ingest) {
    TableRow.Builder row =
        INTERVALS
            .builder()
            .set("session_id", i.sessionId())
            .timestamp("interval_start", i.intervalStart())
            .set("interval_ms", i.intervalMs())
            .set("play_ms", i.playMs())
            .set("rebuffer_ms", i.rebufferMs())
            .set("ad_ms", i.adMs())
            .set("rebuffer_starts", i.rebufferStarts())
            .set("bitrate_kbps_ms", i.bitrateKbpsMs())
            .set("bitrate_known_ms", i.bitrateKnownMs())
            .set(
                "state_at_end",
                i.stateAtEnd() == null ? "ended" : i.stateAtEnd().name().toLowerCase(Locale.ROOT))
            .set(
                "startup_outcome",
                i.startupOutcome() == null ? null : i.startupOutcome().wireName())
            .set("vst_ms", i.vstMs())
            .set("playback_failure", i.playbackFailure());
    dimensionColumns(row, i.dimensions());
    return ingestColumns(row, ingest).build();
  }

  private static TableRow.Builder beaconColumns(TableRow.Builder row, IngestedBeacon beacon) {
    BeaconEvent e = beacon.event();
    PlaybackError error = e.error();
    row.set("session_id", e.sessionId())
        .set("seq", e.seq())
        .set("type", e.type().wireName())
        .timestamp("ts", e.ts())
        .set("bitrate_kbps", e.bitrateKbps())
        .set("playhead_ms", e.playheadMs())
        .set("error_code", error == null ? null : error.code())
        .set("error_fatal", error == null ? null : error.fatal())
        .set("error_category", error == null ? null : error.category().wireName())
        .stringMap("custom", e.dimensions().custom());
    dimensionColumns(row, e.dimensions());
    Receipt r = beacon.receipt();
    return row.timestamp("received_at", r.receivedAt())
        .set("property_id", r.propertyId())
        .set("source", r.source().wireName())
        .set("client_ip", r.clientIp())
        .set("country", r.country())
        .set("region", r.region())
        .set("asn", r.asn())
        .set("ua_browser", r.browser())
        .set("ua_browser_version", r.browserVersion())
        .set("ua_os", r.os())
        .set("ua_os_version", r.osVersion())
        .set("ua_device", r.device())
        .set("cmcd_mode", e.cmcd() == null ? null : e.cmcd().mode().wireName())
        .set("cmcd_sn", e.cmcd() == null ? null : e.cmcd().sn())
        .set("cmcd_sta", e.cmcd() == null ? null : e.cmcd().state())
        .set("cmcd_e", e.cmcd() == null ? null : e.cmcd().event())
        .set("cmcd_report", e.cmcd() == null ? null : e.cmcd().payload());
  }

  private static void dimensionColumns(TableRow.Builder row, SessionDimensions d) {
    row.set("viewer_id", d.viewerId())
        .set("asset_id", d.assetId())
        .set("stream_type", d.streamType() == null ? null : d.streamType().wireName())
        .set("player_name", d.playerName())
        .set("player_version", d.playerVersion())
        .set("device_type", d.deviceType())
        .set("os", d.os())
        .set("app_version", d.appVersion())
        .set("cdn", d.cdn())
        .set("drm_system", d.drmSystem());
  }

  private static TableRow.Builder ingestColumns(TableRow.Builder row, IngestDimensions ingest) {
    return row.set("property_id", ingest.propertyId())
        .set("country", ingest.country())
        .set("region", ingest.region())
        .set("asn", ingest.asn())
        .set("ua_browser", ingest.browser())
        .set("ua_os", ingest.os())
        .set("ua_device", ingest.device());
  }
}
