package dev.openqoe.ops.normaliser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.LicenseRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-minute health of each slice: written by the wall clock a grace after the minute, late
 * events as later portions of their minute, nothing dropped.
 */
class SliceHealthTopologyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MINUTE_10 = Instant.parse("2026-12-05T10:00:00Z").toEpochMilli();

  private TopologyTestDriver driver;
  private long wallClock = MINUTE_10;
  private TestInputTopic<String, OpsEvent> events;
  private TestOutputTopic<String, String> health;

  @BeforeEach
  void start() {
    StreamsBuilder builder = new StreamsBuilder();
    OpsNormaliser.buildTopology(builder);
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "ops-health-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    driver = new TopologyTestDriver(builder.build(), config, Instant.ofEpochMilli(MINUTE_10));
    events =
        driver.createInputTopic(
            QoeTopics.OPS_EVENTS.name(),
            QoeTopics.OPS_EVENTS.keySerde().serializer(),
            QoeTopics.OPS_EVENTS.valueSerde().serializer());
    health =
        driver.createOutputTopic(
            QoeTopics.OPS_HEALTH.name(),
            QoeTopics.OPS_HEALTH.keySerde().deserializer(),
            QoeTopics.OPS_HEALTH.valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void aMinuteOfAnEdgeIsOneRowItsGraceAfterItEnds() throws Exception {
    cdn(MINUTE_10 + 1_000, 200, "hit", 10);
    cdn(MINUTE_10 + 20_000, 503, "miss", 20);
    cdn(MINUTE_10 + 59_999, 200, "hit", 300);
    wallClockAt(MINUTE_10 + 60_000);
    cdn(MINUTE_10 + 60_000, 200, "hit", 10); // the next minute's first
    wallClockAt(MINUTE_10 + 60_000 + 29_000);
    assertThat(health.isEmpty()).as("10:00 waits until 10:01 + 30 s of grace").isTrue();

    wallClockAt(MINUTE_10 + 60_000 + 30_000);

    List<JsonNode> rows = rows();
    assertThat(rows).hasSize(1);
    JsonNode row = rows.get(0);
    assertThat(row.get("window_start").asLong()).isEqualTo(MINUTE_10);
    assertThat(row.get("window_end").asLong()).isEqualTo(MINUTE_10 + 60_000);
    assertThat(row.get("slice").asText()).isEqualTo("cdn|cloudfront|FRA56-P1");
    assertThat(row.get("source").asText()).isEqualTo("cdn");
    assertThat(row.get("edge").asText()).isEqualTo("FRA56-P1");
    assertThat(row.get("requests").asLong()).isEqualTo(3);
    assertThat(row.get("status_5xx").asLong()).isEqualTo(1);
    assertThat(row.get("status_4xx").asLong()).isZero();
    assertThat(row.get("cache_misses").asLong()).isEqualTo(1);
    assertThat(row.get("bytes").asLong()).isEqualTo(3 * 5_000);
    // Nearest rank: p50 is the 2nd of 10, 20, 300 ms; p95 the 3rd; both read 10 % high at most.
    assertThat(row.get("ttfb_p50_ms").asLong()).isBetween(20L, 22L);
    assertThat(row.get("ttfb_p95_ms").asLong()).isBetween(300L, 330L);
    assertThat(row.get("license_requests").asLong()).isZero();

    wallClockAt(MINUTE_10 + 120_000 + 30_000);
    assertThat(rows())
        .extracting(r -> r.get("window_start").asLong())
        .containsExactly(MINUTE_10 + 60_000);
    assertThat(storedPortions()).as("every written portion is forgotten").isZero();
  }

  @Test
  void aLateEventIsALaterPortionOfItsMinuteAndNothingIsDropped() throws Exception {
    license(MINUTE_10 + 5_000, "granted", 40);
    license(MINUTE_10 + 50_000, "denied", 900);
    wallClockAt(MINUTE_10 + 60_000 + 30_000);
    List<JsonNode> first = rows();
    assertThat(first).hasSize(1);
    assertThat(first.get(0).get("license_requests").asLong()).isEqualTo(2);
    assertThat(first.get(0).get("license_denials").asLong()).isEqualTo(1);
    assertThat(first.get(0).get("license_latency_p95_ms").asLong()).isBetween(900L, 990L);

    // An hour later, a proxy's log of 10:00 comes in: its own row of 10:00, its grace after.
    wallClockAt(MINUTE_10 + 3_600_000);
    license(MINUTE_10 + 30_000, "error", 700);
    license(MINUTE_10 + 31_000, "error", 700);
    wallClockAt(MINUTE_10 + 3_600_000 + 29_000);
    assertThat(health.isEmpty()).isTrue();
    wallClockAt(MINUTE_10 + 3_600_000 + 30_000);

    List<JsonNode> late = rows();
    assertThat(late).hasSize(1);
    assertThat(late.get(0).get("window_start").asLong()).isEqualTo(MINUTE_10);
    assertThat(late.get(0).get("slice").asText()).isEqualTo("drm|widevine|eu-west-1");
    assertThat(late.get(0).get("license_requests").asLong()).isEqualTo(2);
    assertThat(late.get(0).get("license_errors").asLong()).isEqualTo(2);
    assertThat(late.get(0).get("license_denials").asLong()).isZero();
    assertThat(droppedRecords()).isZero();
  }

  @Test
  void aBurstOfThePastOutOfOrderCountsEveryEventInItsMinute() throws Exception {
    wallClockAt(MINUTE_10 + 86_400_000);
    // Half an hour of two slices' events, minutes interleaved as tasks of different pace write
    // them.
    for (int minute = 29; minute >= 0; minute--) {
      cdn(MINUTE_10 + minute * 60_000L + 7_000, minute % 3 == 0 ? 503 : 200, "hit", 10);
      license(MINUTE_10 + (29 - minute) * 60_000L + 9_000, "granted", 40);
    }
    wallClockAt(MINUTE_10 + 86_400_000 + 30_000);

    List<JsonNode> rows = rows();
    assertThat(rows).hasSize(60);
    assertThat(rows.stream().mapToLong(r -> r.get("requests").asLong()).sum()).isEqualTo(30);
    assertThat(rows.stream().mapToLong(r -> r.get("status_5xx").asLong()).sum()).isEqualTo(10);
    assertThat(rows.stream().mapToLong(r -> r.get("license_requests").asLong()).sum())
        .isEqualTo(30);
    assertThat(droppedRecords()).isZero();
  }

  /** Moves the driver's wall clock on to {@code millis}, running the punctuations due. */
  private void wallClockAt(long millis) {
    driver.advanceWallClockTime(java.time.Duration.ofMillis(millis - wallClock));
    wallClock = millis;
  }

  private long storedPortions() {
    KeyValueStore<String, ?> store = driver.getKeyValueStore(HealthPortions.STORE);
    return store.approximateNumEntries();
  }

  private void cdn(long time, int status, String cache, long ttfbMs) {
    OpsEvent event =
        new OpsEvent(
            OpsSource.CDN,
            "cloudfront_standard",
            time,
            null,
            null,
            new CdnRequest(
                "cloudfront",
                "FRA56-P1",
                null,
                status,
                5_000L,
                ttfbMs,
                ttfbMs * 2,
                cache,
                "/v",
                null),
            null,
            null,
            null,
            null);
    events.pipeInput("cdn|cloudfront|FRA56-P1", event, wallClock);
  }

  private void license(long time, String outcome, long latencyMs) {
    OpsEvent event =
        new OpsEvent(
            OpsSource.DRM,
            "drm_json",
            time,
            null,
            null,
            null,
            null,
            new LicenseRequest("widevine", null, outcome, latencyMs, "eu-west-1"),
            null,
            null);
    events.pipeInput("drm|widevine|eu-west-1", event, wallClock);
  }

  private List<JsonNode> rows() throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    for (String value : health.readValuesToList()) {
      rows.add(JSON.readTree(value));
    }
    return rows;
  }

  private double droppedRecords() {
    return driver.metrics().values().stream()
        .filter(m -> m.metricName().name().equals("dropped-records-total"))
        .map(Metric::metricValue)
        .mapToDouble(v -> ((Number) v).doubleValue())
        .sum();
  }
}
