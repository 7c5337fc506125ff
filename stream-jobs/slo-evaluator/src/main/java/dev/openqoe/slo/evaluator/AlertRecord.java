package dev.openqoe.slo.evaluator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.openqoe.slo.Slice;

/**
 * One record of the alert log ({@code qoe.slo.alerts.v1}): an alert's transition, or (sent to
 * targets, not logged) a firing alert's figures at an evaluation. Flat, with snake_case columns, so
 * a table can be made of the topic as it is. Times are epoch milliseconds.
 *
 * @param slice the slice's text, {@code cdn=fastly,country=BR}; empty for the whole SLO
 * @param startsAt when the alert started firing (the same in all its records)
 * @param endsAt when it resolved; null while firing
 * @param eventAt the evaluation that wrote this record
 * @param errorRatio the bad share of events over the deciding rule's long window
 * @param ruleBurnRate the deciding rule's threshold; with its windows, the rule that fired (or,
 *     when resolved, that came closest)
 */
@JsonPropertyOrder({
  "alert_id",
  "property_id",
  "slo",
  "sli",
  "severity",
  "slice",
  "status",
  "starts_at",
  "ends_at",
  "event_at",
  "objective",
  "error_ratio",
  "long_window_burn_rate",
  "short_window_burn_rate",
  "rule_burn_rate",
  "rule_long_window_minutes",
  "rule_short_window_minutes",
  "summary",
  "description",
  "explain",
  "dashboard_url"
})
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertRecord(
    @JsonProperty("alert_id") String alertId,
    @JsonProperty("property_id") String propertyId,
    @JsonProperty("slo") String slo,
    @JsonProperty("sli") String sli,
    @JsonProperty("severity") String severity,
    @JsonProperty("slice") String slice,
    @JsonProperty("status") String status,
    @JsonProperty("starts_at") long startsAt,
    @JsonProperty("ends_at") Long endsAt,
    @JsonProperty("event_at") long eventAt,
    @JsonProperty("objective") double objective,
    @JsonProperty("error_ratio") double errorRatio,
    @JsonProperty("long_window_burn_rate") double longWindowBurnRate,
    @JsonProperty("short_window_burn_rate") double shortWindowBurnRate,
    @JsonProperty("rule_burn_rate") double ruleBurnRate,
    @JsonProperty("rule_long_window_minutes") long ruleLongWindowMinutes,
    @JsonProperty("rule_short_window_minutes") long ruleShortWindowMinutes,
    @JsonProperty("summary") String summary,
    @JsonProperty("description") String description,
    @JsonProperty("explain") String explain,
    @JsonProperty("dashboard_url") String dashboardUrl) {

  public boolean firing() {
    return AlertStatus.of(status) == AlertStatus.FIRING;
  }

  /** The slice's dimension values. */
  public Slice sliceValues() {
    return Slice.parse(slice);
  }
}
