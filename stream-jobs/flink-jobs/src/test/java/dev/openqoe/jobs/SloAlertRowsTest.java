package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Alert log records as the SLO evaluator writes them, into rows of dws.slo_alerts. */
class SloAlertRowsTest {

  /** 2025-12-05T10:00:00Z. */
  static final long T0 = 1_764_928_800_000L;

  /** A resolved record, field for field as the evaluator's AlertJson writes one. */
  static String resolved(String alertId, String slice, long startsAt, long endsAt) {
    return "{\"alert_id\":\""
        + alertId
        + "\",\"property_id\":\"dev\",\"slo\":\"start-success\",\"sli\":\"start_success\","
        + "\"severity\":\"page\",\"slice\":\""
        + slice
        + "\",\"status\":\"resolved\",\"starts_at\":"
        + startsAt
        + ",\"ends_at\":"
        + endsAt
        + ",\"event_at\":"
        + endsAt
        + ",\"objective\":0.99,\"error_ratio\":0.004,\"long_window_burn_rate\":0.4,"
        + "\"short_window_burn_rate\":0.0,\"rule_burn_rate\":14.4,\"rule_long_window_minutes\":60,"
        + "\"rule_short_window_minutes\":5,\"summary\":\"summary of "
        + alertId
        + "\",\"description\":\"description of "
        + alertId
        + "\",\"explain\":\"explanation of "
        + alertId
        + "\",\"dashboard_url\":\"http://127.0.0.1:3000/d/openqoe-drilldown?var-cdn=fastly\"}";
  }

  /** A firing record: no end yet. */
  static String firing(String alertId, String slice, long startsAt) {
    return resolved(alertId, slice, startsAt, startsAt)
        .replace("\"status\":\"resolved\"", "\"status\":\"firing\"")
        .replace("\"ends_at\":" + startsAt, "\"ends_at\":null");
  }

  @Test
  void aResolvedRecordBecomesARowWithEveryColumn() {
    RowData row =
        SloAlertRows.fromJson(
            resolved("dev/start-success/page/cdn=fastly", "cdn=fastly", T0, T0 + 60_000));

    TableRow table = SloAlertRows.ALERTS;
    assertThat(table.string(row, "alert_id")).isEqualTo("dev/start-success/page/cdn=fastly");
    assertThat(table.string(row, "slice")).isEqualTo("cdn=fastly");
    assertThat(table.string(row, "status")).isEqualTo("resolved");
    assertThat(row.getTimestamp(table.position("starts_at"), 6).getMillisecond()).isEqualTo(T0);
    assertThat(row.getTimestamp(table.position("ends_at"), 6).getMillisecond())
        .isEqualTo(T0 + 60_000);
    assertThat(row.getTimestamp(table.position("event_at"), 6).getMillisecond())
        .isEqualTo(T0 + 60_000);
    assertThat(row.getDouble(table.position("rule_burn_rate"))).isEqualTo(14.4);
    assertThat(table.nullableLong(row, "rule_long_window_minutes")).isEqualTo(60);
    assertThat(table.string(row, "dashboard_url")).endsWith("?var-cdn=fastly");
    for (String column : table.columnNames()) {
      assertThat(row.isNullAt(table.position(column))).as(column).isFalse();
    }
  }

  @Test
  void aFiringRecordHasNoEndAndAWholeSloAlertAnEmptySlice() {
    RowData row = SloAlertRows.fromJson(firing("dev/start-success/page", "", T0));

    assertThat(row.isNullAt(SloAlertRows.ALERTS.position("ends_at"))).isTrue();
    assertThat(SloAlertRows.ALERTS.string(row, "slice")).isEmpty();
    assertThat(SloAlertRows.ALERTS.string(row, "status")).isEqualTo("firing");
  }

  @Test
  void unknownFieldsOfALaterEvaluatorAreIgnoredAndNotFiniteFiguresKept() {
    String later =
        resolved("a", "", T0, T0 + 1)
            .replace("\"error_ratio\":0.004", "\"error_ratio\":\"NaN\"")
            .replace("{", "{\"runbook_url\":\"http://wiki/slo\",");

    RowData row = SloAlertRows.fromJson(later);

    assertThat(row.getDouble(SloAlertRows.ALERTS.position("error_ratio"))).isNaN();
  }

  @Test
  void refusesWhatIsNotAnAlertRecordWithTheReason() {
    String good = resolved("a", "", T0, T0 + 1);
    assertThatThrownBy(() -> SloAlertRows.fromJson("{\"alert_id\": \"x\""))
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> SloAlertRows.fromJson(good + " trailing"))
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> SloAlertRows.fromJson("[1, 2]"))
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> SloAlertRows.fromJson(null)).hasMessageContaining("has no value");
    assertThatThrownBy(() -> SloAlertRows.fromJson(good.replace("\"alert_id\"", "\"id\"")))
        .hasMessageContaining("no alert_id");
    assertThatThrownBy(
            () ->
                SloAlertRows.fromJson(
                    good.replace("\"event_at\":" + (T0 + 1), "\"event_at\":null")))
        .hasMessageContaining("no event_at");
    assertThatThrownBy(
            () ->
                SloAlertRows.fromJson(
                    good.replace("\"starts_at\":" + T0, "\"starts_at\":\"" + T0 + "\"")))
        .hasMessageContaining("starts_at must be a whole number, is \"" + T0 + "\"");
    assertThatThrownBy(
            () ->
                SloAlertRows.fromJson(good.replace("\"objective\":0.99", "\"objective\":\"high\"")))
        .hasMessageContaining("objective must be a number");
    assertThatThrownBy(
            () -> SloAlertRows.fromJson(good.replace("\"severity\":\"page\"", "\"severity\":1")))
        .hasMessageContaining("severity must be text");
    assertThatThrownBy(() -> SloAlertRows.fromJson(good.replace("resolved", "pending")))
        .hasMessageContaining("status is 'pending', not firing or resolved");
  }

  @Test
  void theSourceLogsCountsAndSkipsABadRecordAndKeepsTheNext() throws Exception {
    RecordDecoder<RowData> decoder =
        new RecordDecoder<>(SloAlertRows::row, SloAlertRows.ALERTS.typeInfo());
    CountingMetrics metrics = new CountingMetrics();
    decoder.open(context(metrics));
    List<RowData> out = new ArrayList<>();
    Collector<RowData> collector = collector(out);

    decoder.deserialize(record(0, "{\"status\": \"firing\"}"), collector);
    decoder.deserialize(record(1, firing("dev/start-success/page", "", T0)), collector);

    assertThat(out).hasSize(1);
    assertThat(SloAlertRows.ALERTS.string(out.get(0), "alert_id"))
        .isEqualTo("dev/start-success/page");
    assertThat(metrics.counters).containsOnlyKeys(RecordDecoder.UNDECODABLE_METRIC);
    assertThat(metrics.counters.get(RecordDecoder.UNDECODABLE_METRIC).getCount()).isEqualTo(1);
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, String json) {
    return new ConsumerRecord<>(
        "qoe.slo.alerts.v1",
        0,
        offset,
        "id".getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8));
  }

  /** Keeps the counters registered on it, to be read by the test. */
  private static final class CountingMetrics extends UnregisteredMetricsGroup {
    final java.util.Map<String, Counter> counters = new java.util.HashMap<>();

    @Override
    public Counter counter(String name) {
      return counters.computeIfAbsent(name, n -> new SimpleCounter());
    }
  }

  private static DeserializationSchema.InitializationContext context(MetricGroup metrics) {
    return new DeserializationSchema.InitializationContext() {
      @Override
      public MetricGroup getMetricGroup() {
        return metrics;
      }

      @Override
      public UserCodeClassLoader getUserCodeClassLoader() {
        return SimpleUserCodeClassLoader.create(SloAlertRowsTest.class.getClassLoader());
      }
    };
  }

  private static Collector<RowData> collector(List<RowData> out) {
    return new Collector<>() {
      @Override
      public void collect(RowData record) {
        out.add(record);
      }

      @Override
      public void close() {}
    };
  }
}
