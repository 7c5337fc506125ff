package dev.openqoe.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Alert transitions as the SLO evaluator logs them to qoe.slo.alerts.v1 (its AlertJson records,
 * field for field), relative to {@code now}: a page of the start-success SLO on cdn=fastly that
 * fired {@link #FASTLY_FIRED_MINUTES_AGO} minutes ago and resolved {@link
 * #FASTLY_RESOLVED_MINUTES_AGO} minutes ago, a rebuffering ticket of the whole SLO firing since
 * {@link #REBUFFERING_FIRED_MINUTES_AGO} minutes ago, and a page that fired and resolved {@link
 * #OLD_RESOLVED_HOURS_AGO} hours ago, before the dashboards' default 3 hours.
 */
public final class GeneratedSloAlerts {

  public static final String FASTLY = "dev/start-success/page/cdn=fastly";
  public static final String REBUFFERING = "dev/rebuffering/ticket";
  public static final String OLD = "dev/playback-success/page/cdn=akamai";
  public static final int FASTLY_FIRED_MINUTES_AGO = 50;
  public static final int FASTLY_RESOLVED_MINUTES_AGO = 20;
  public static final int REBUFFERING_FIRED_MINUTES_AGO = 10;
  public static final int OLD_RESOLVED_HOURS_AGO = 5;

  private static final long MINUTE = 60_000;

  private GeneratedSloAlerts() {}

  /** The transitions, oldest first. */
  public static List<ObjectNode> rows(long now) {
    long oldResolved = now - OLD_RESOLVED_HOURS_AGO * 60 * MINUTE;
    long oldFired = oldResolved - 30 * MINUTE;
    long fastlyFired = now - FASTLY_FIRED_MINUTES_AGO * MINUTE;
    long fastlyResolved = now - FASTLY_RESOLVED_MINUTES_AGO * MINUTE;
    long rebufferingFired = now - REBUFFERING_FIRED_MINUTES_AGO * MINUTE;
    Alert old = new Alert(OLD, "playback-success", "playback_success", "page", "cdn=akamai");
    Alert fastly = new Alert(FASTLY, "start-success", "start_success", "page", "cdn=fastly");
    Alert rebuffering = new Alert(REBUFFERING, "rebuffering", "rebuffering", "ticket", "");
    return List.of(
        old.firing(oldFired),
        old.resolved(oldFired, oldResolved),
        fastly.firing(fastlyFired),
        fastly.resolved(fastlyFired, fastlyResolved),
        rebuffering.firing(rebufferingFired));
  }

  /** The summary of a transition: which alert, and whether it fired or resolved. */
  public static String summary(String alertId, String status) {
    return alertId + ": " + status + " (burning its error budget 30.0x over 1h)";
  }

  /** The alert id of a row, its key on the alert topic. */
  public static String key(JsonNode row) {
    return row.get("alert_id").asText();
  }

  /** One alert of an SLO, severity and slice; its records are its transitions. */
  private record Alert(String id, String slo, String sli, String severity, String slice) {

    ObjectNode firing(long startsAt) {
      return record("firing", startsAt, null, startsAt);
    }

    ObjectNode resolved(long startsAt, long endsAt) {
      return record("resolved", startsAt, endsAt, endsAt);
    }

    private ObjectNode record(String status, long startsAt, Long endsAt, long eventAt) {
      ObjectNode row = JsonNodeFactory.instance.objectNode();
      row.put("alert_id", id)
          .put("property_id", "dev")
          .put("slo", slo)
          .put("sli", sli)
          .put("severity", severity)
          .put("slice", slice)
          .put("status", status)
          .put("starts_at", startsAt)
          .put("ends_at", endsAt)
          .put("event_at", eventAt)
          .put("objective", 0.99)
          .put("error_ratio", 0.3)
          .put("long_window_burn_rate", 30.0)
          .put("short_window_burn_rate", 60.0)
          .put("rule_burn_rate", 14.4)
          .put("rule_long_window_minutes", 60L)
          .put("rule_short_window_minutes", 5L)
          .put("summary", summary(id, status))
          .put("description", "What the SLO " + slo + " asks, and how its alerts fire")
          .put("explain", "The slice's metric over both windows")
          .put("dashboard_url", "http://127.0.0.1:3000/d/openqoe-drilldown?from=now-1h&to=now");
      return row;
    }
  }
}
