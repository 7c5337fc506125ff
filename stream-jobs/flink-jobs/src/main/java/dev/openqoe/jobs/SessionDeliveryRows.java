package dev.openqoe.jobs;

import dev.openqoe.rootcause.DeliveryRecord;
import dev.openqoe.rootcause.FailureAttribution;
import dev.openqoe.rootcause.SessionDimensions;
import dev.openqoe.rootcause.SessionOutcome;
import dev.openqoe.warehouse.QoeTables;
import org.apache.flink.table.data.RowData;

/** Rows of {@code dwd.session_delivery} and the session outcomes read from dwd.sessions rows. */
final class SessionDeliveryRows {

  static final TableRow SESSION_DELIVERY = new TableRow(QoeTables.DWD_SESSION_DELIVERY);

  private SessionDeliveryRows() {}

  /**
   * What a dwd.sessions row says of the session's outcome and slice (its fatal error code comes
   * apart).
   */
  static SessionOutcome outcome(RowData session) {
    TableRow sessions = WarehouseRows.SESSIONS;
    int vpf = sessions.position("vpf");
    int endedAt = sessions.position("ended_at");
    Long vstMs = sessions.nullableLong(session, "vst_ms");
    return new SessionOutcome(
        sessions.string(session, "session_id"),
        sessions.string(session, "property_id"),
        sessions.string(session, "asset_id"),
        sessions.string(session, "cdn"),
        sessions.string(session, "drm_system"),
        new SessionDimensions(
            sessions.string(session, "country"),
            sessions.string(session, "region"),
            sessions.nullableLong(session, "asn"),
            sessions.string(session, "device_type"),
            sessions.string(session, "os"),
            sessions.string(session, "player_name"),
            sessions.string(session, "player_version"),
            sessions.string(session, "stream_type")),
        sessions.string(session, "startup_outcome"),
        !session.isNullAt(vpf) && session.getBoolean(vpf),
        session.getInt(sessions.position("rebuffer_count")),
        vstMs == null ? -1 : vstMs,
        session.getTimestamp(endedAt, 3).getMillisecond(),
        null);
  }

  /**
   * @param attribution null when the session did not fail
   * @param failedRenditions the failed renditions of its asset, comma-separated, or null
   */
  static RowData row(
      SessionOutcome session,
      DeliveryRecord delivery,
      FailureAttribution attribution,
      String failedRenditions,
      int revision,
      long updatedAt) {
    SessionDimensions dimensions = session.dimensions();
    TableRow.Builder row =
        SESSION_DELIVERY
            .builder()
            .set("session_id", session.sessionId())
            .set("property_id", session.propertyId())
            .timestamp("ended_at", session.endedAt())
            .set("revision", revision)
            .timestamp("updated_at", updatedAt)
            .set("asset_id", session.assetId())
            .set("cdn", session.cdn())
            .set("drm_system", session.drmSystem())
            .set("country", dimensions.country())
            .set("region", dimensions.region())
            .set("asn", dimensions.asn())
            .set("device_type", dimensions.deviceType())
            .set("os", dimensions.os())
            .set("player_name", dimensions.playerName())
            .set("player_version", dimensions.playerVersion())
            .set("stream_type", dimensions.streamType())
            .set("startup_outcome", session.startupOutcome())
            .set("vpf", session.vpf())
            .set("rebuffer_count", session.rebufferCount())
            .set("vst_ms", session.vstMs() < 0 ? null : session.vstMs())
            .set("failed", session.failed())
            .set("fatal_error_code", session.fatalErrorCode())
            .set("cdn_requests", delivery.cdnRequests())
            .set("cdn_4xx", delivery.cdn4xx())
            .set("cdn_5xx", delivery.cdn5xx())
            .set("cdn_cache_misses", delivery.cacheMisses())
            .set("cdn_worst_ttfb_ms", delivery.worstTtfbMs() < 0 ? null : delivery.worstTtfbMs())
            .set("cdn_edges", emptyToNull(delivery.edges()))
            .set("cdn_not_found_paths", emptyToNull(delivery.notFoundPaths()))
            .set("license_requests", delivery.licenseRequests())
            .set("license_outcome", delivery.licenseOutcome())
            .set("license_error_code", delivery.licenseErrorCode())
            .set(
                "license_worst_latency_ms",
                delivery.worstLicenseLatencyMs() < 0 ? null : delivery.worstLicenseLatencyMs())
            .set("license_drm_system", delivery.drmSystem())
            .set("license_region", delivery.drmRegion())
            .set("asset_failed_renditions", failedRenditions);
    if (attribution != null) {
      row.set("failure_stage", attribution.stage().wireName())
          .set("failure_evidence", attribution.evidence())
          .set("failure_linked", attribution.linked());
    }
    if (delivery.linked()) {
      row.timestamp("first_delivery_at", delivery.firstEventAt())
          .timestamp("last_delivery_at", delivery.lastEventAt());
    }
    return row.build();
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
