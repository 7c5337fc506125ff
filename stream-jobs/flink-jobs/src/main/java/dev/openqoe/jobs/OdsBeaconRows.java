package dev.openqoe.jobs;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.CmcdReport;
import dev.openqoe.protocol.CmcdReportMode;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.PlaybackError;
import dev.openqoe.protocol.Receipt;
import dev.openqoe.protocol.SessionDimensions;
import dev.openqoe.protocol.StreamType;
import dev.openqoe.protocol.WireEnum;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.iceberg.data.Record;

/**
 * Rows of {@code ods.player_beacons} back into the beacons the pipeline received: the inverse of
 * {@link WarehouseRows#beacon}. ODS keeps times as timestamps and enums as their wire names, where
 * replay's input (JSON lines) has epoch milliseconds; this reads the columns, not a text form.
 */
final class OdsBeaconRows {

  /** A row that is no beacon of this release (a value it does not know), with the reason. */
  static final class UnreadableRow extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableRow(String reason) {
      super(reason);
    }
  }

  private OdsBeaconRows() {}

  static IngestedBeacon beacon(Record row) throws UnreadableRow {
    String sessionId = (String) row.getField("session_id");
    long seq = (Long) row.getField("seq");
    EventType type = wire(EventType.class, row, "type");
    String errorCode = (String) row.getField("error_code");
    PlaybackError error =
        errorCode == null
            ? null
            : new PlaybackError(
                errorCode,
                Boolean.TRUE.equals(row.getField("error_fatal")),
                wire(ErrorCategory.class, row, "error_category"));
    String mode = (String) row.getField("cmcd_mode");
    CmcdReport cmcd =
        mode == null
            ? null
            : new CmcdReport(
                wire(CmcdReportMode.class, row, "cmcd_mode"),
                row.getField("cmcd_sn") == null ? 0 : (Long) row.getField("cmcd_sn"),
                (String) row.getField("cmcd_sta"),
                (String) row.getField("cmcd_e"),
                (String) row.getField("cmcd_report"));
    String streamType = (String) row.getField("stream_type");
    @SuppressWarnings("unchecked")
    Map<String, String> custom = (Map<String, String>) row.getField("custom");
    SessionDimensions dimensions =
        new SessionDimensions(
            (String) row.getField("viewer_id"),
            (String) row.getField("asset_id"),
            streamType == null ? null : wire(StreamType.class, row, "stream_type"),
            (String) row.getField("player_name"),
            (String) row.getField("player_version"),
            (String) row.getField("device_type"),
            (String) row.getField("os"),
            (String) row.getField("app_version"),
            (String) row.getField("cdn"),
            (String) row.getField("drm_system"),
            custom);
    Receipt receipt =
        new Receipt(
            millis(row, "received_at"),
            (String) row.getField("property_id"),
            wire(IngestSource.class, row, "source"),
            (String) row.getField("client_ip"),
            (String) row.getField("country"),
            (String) row.getField("region"),
            (Long) row.getField("asn"),
            (String) row.getField("ua_browser"),
            (String) row.getField("ua_browser_version"),
            (String) row.getField("ua_os"),
            (String) row.getField("ua_os_version"),
            (String) row.getField("ua_device"));
    try {
      return new IngestedBeacon(
          new BeaconEvent(
              sessionId,
              seq,
              type,
              millis(row, "ts"),
              (Integer) row.getField("bitrate_kbps"),
              (Long) row.getField("playhead_ms"),
              error,
              dimensions,
              cmcd),
          receipt);
    } catch (IllegalArgumentException e) {
      throw new UnreadableRow(e.getMessage());
    }
  }

  static long millis(Record row, String column) {
    return ((OffsetDateTime) row.getField(column)).toInstant().toEpochMilli();
  }

  private static <E extends Enum<E> & WireEnum> E wire(Class<E> type, Record row, String column)
      throws UnreadableRow {
    String text = (String) row.getField(column);
    E value = text == null ? null : WireEnum.fromWire(type, text);
    if (value == null) {
      throw new UnreadableRow(
          "column " + column + " is '" + text + "', not one of " + WireEnum.wireNames(type));
    }
    return value;
  }
}
