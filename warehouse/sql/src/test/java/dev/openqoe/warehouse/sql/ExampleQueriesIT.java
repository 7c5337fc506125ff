package dev.openqoe.warehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every worked example in warehouse/sql/queries through {@code qoe sql}, over {@link
 * SampleWarehouse}, and checks the answers worked out by hand there. A query without expectations
 * here, or one that Flink rejects, fails the build.
 */
class ExampleQueriesIT {

  private static final Path QUERIES = Path.of("queries");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;

  @BeforeAll
  static void writeSampleWarehouse() {
    SampleWarehouse.create(dataDir);
  }

  private record Expectation(
      List<String> params, List<String> columns, Consumer<List<JsonNode>> rows) {}

  private static final Map<String, Expectation> EXPECTED =
      Map.ofEntries(
          Map.entry(
              "cdn_edge_health.sql",
              new Expectation(
                  List.of(),
                  List.of(
                      "cdn",
                      "edge",
                      "requests",
                      "status_5xx_pct",
                      "status_4xx_pct",
                      "cache_miss_pct",
                      "worst_time_taken_p95_ms",
                      "minutes_with_5xx"),
                  rows ->
                      assertThat(rows)
                          .extracting(
                              row ->
                                  row.get("edge").asText()
                                      + " n="
                                      + row.get("requests").asLong()
                                      + " 5xx="
                                      + row.get("status_5xx_pct").asDouble()
                                      + " 4xx="
                                      + row.get("status_4xx_pct").asDouble()
                                      + " miss="
                                      + row.get("cache_miss_pct").asDouble()
                                      + " p95="
                                      + row.get("worst_time_taken_p95_ms").asLong()
                                      + " minutes="
                                      + row.get("minutes_with_5xx").asLong())
                          .containsExactly(
                              "FRA56-P1 n=300 5xx=6.67 4xx=1.33 miss=16.67 p95=1500 minutes=1",
                              "LHR62-C2 n=50 5xx=0.0 4xx=2.0 miss=10.0 p95=200 minutes=0"))),
          Map.entry(
              "delivery_failures_by_stage.sql",
              new Expectation(
                  List.of(),
                  List.of(
                      "source",
                      "slice",
                      "error_code",
                      "failures",
                      "sessions",
                      "first_at",
                      "last_at"),
                  rows ->
                      assertThat(rows)
                          .extracting(
                              row ->
                                  row.get("slice").asText()
                                      + " "
                                      + row.get("error_code").asText()
                                      + " "
                                      + row.get("failures").asLong()
                                      + "/"
                                      + row.get("sessions").asLong())
                          .containsExactly(
                              "drm|widevine|eu-west-1 LICENSE_SERVER_UNAVAILABLE 3/2",
                              "cdn|cloudfront|FRA56-P1 OriginConnectError 2/2",
                              "transcode|a7|1080p 1517 1/0"))),
          Map.entry(
              "qoe_by_cdn_and_country.sql",
              new Expectation(
                  List.of(),
                  List.of(
                      "cdn",
                      "country",
                      "sessions",
                      "attempts",
                      "started",
                      "vsf_pct",
                      "vsf_business_pct",
                      "ebvs_pct",
                      "vpf_pct",
                      "rebuffering_ratio",
                      "avg_bitrate_kbps"),
                  rows -> {
                    assertThat(rows).hasSize(3);
                    JsonNode akamaiUs = rows.get(0);
                    assertThat(akamaiUs.get("cdn").asText()).isEqualTo("akamai");
                    assertThat(akamaiUs.get("country").asText()).isEqualTo("US");
                    assertThat(akamaiUs.get("sessions").asLong()).isEqualTo(20);
                    assertThat(akamaiUs.get("attempts").asLong()).isEqualTo(20);
                    assertThat(akamaiUs.get("vsf_pct").asDouble()).isEqualTo(5.0);
                    assertThat(akamaiUs.get("ebvs_pct").asDouble()).isEqualTo(5.0);
                    assertThat(akamaiUs.get("vpf_pct").asDouble()).isEqualTo(11.11);
                    assertThat(akamaiUs.get("rebuffering_ratio").asDouble()).isEqualTo(0.1);
                    assertThat(akamaiUs.get("avg_bitrate_kbps").asDouble()).isEqualTo(3000.0);
                    JsonNode fastlyDe = rows.get(1);
                    assertThat(fastlyDe.get("cdn").asText()).isEqualTo("fastly");
                    assertThat(fastlyDe.get("vsf_pct").asDouble()).isEqualTo(0.0);
                    assertThat(fastlyDe.get("vsf_business_pct").asDouble()).isEqualTo(20.0);
                    assertThat(fastlyDe.get("vpf_pct").asDouble()).isEqualTo(25.0);
                    assertThat(fastlyDe.get("rebuffering_ratio").asDouble()).isEqualTo(0.25);
                    JsonNode unknownCdn = rows.get(2);
                    assertThat(unknownCdn.get("cdn").isNull()).isTrue();
                    assertThat(unknownCdn.get("country").asText()).isEqualTo("FR");
                  })),
          Map.entry(
              "vst_percentiles_by_device.sql",
              new Expectation(
                  List.of(),
                  List.of("device_type", "started_sessions", "vst_p50_ms", "vst_p95_ms"),
                  rows -> {
                    assertThat(rows)
                        .extracting(
                            row ->
                                row.get("device_type").asText()
                                    + " n="
                                    + row.get("started_sessions").asLong()
                                    + " p50="
                                    + row.get("vst_p50_ms").asLong()
                                    + " p95="
                                    + row.get("vst_p95_ms").asLong())
                        .containsExactly(
                            "desktop n=10 p50=500 p95=1000",
                            "mobile n=3 p50=1500 p95=3000",
                            "tv n=1 p50=800 p95=800");
                  })),
          Map.entry(
              "worst_assets_by_vpf.sql",
              new Expectation(
                  List.of("--param", "min_started=5"),
                  List.of(
                      "asset_id", "started", "vpf", "vpf_business", "vpf_pct", "vpf_business_pct"),
                  rows -> {
                    assertThat(rows)
                        .extracting(
                            row ->
                                row.get("asset_id").asText()
                                    + " "
                                    + row.get("vpf").asLong()
                                    + "/"
                                    + row.get("started").asLong()
                                    + " = "
                                    + row.get("vpf_pct").asDouble())
                        .containsExactly("a2 50/110 = 45.45", "a1 2/10 = 20.0");
                  })),
          Map.entry(
              "rebuffering_by_cdn_per_hour.sql",
              new Expectation(
                  List.of(),
                  List.of(
                      "hour_start",
                      "cdn",
                      "sessions",
                      "play_ms",
                      "rebuffer_ms",
                      "rebuffers",
                      "rebuffering_ratio"),
                  rows -> {
                    assertThat(rows)
                        .extracting(
                            row ->
                                row.get("hour_start").asText()
                                    + " "
                                    + row.get("cdn").asText()
                                    + " "
                                    + row.get("rebuffering_ratio").asDouble())
                        .containsExactly(
                            "2026-11-20 12:00:00Z akamai 0.2",
                            "2026-11-20 12:00:00Z null 0.0",
                            "2026-11-20 11:00:00Z akamai 0.0",
                            "2026-11-20 10:00:00Z fastly 0.25");
                  })),
          Map.entry(
              "start_failures_by_drm.sql",
              new Expectation(
                  List.of(),
                  List.of(
                      "drm_system",
                      "attempts",
                      "vsf",
                      "vsf_business",
                      "vsf_pct",
                      "vsf_business_pct",
                      "ebvs_pct"),
                  rows -> {
                    assertThat(rows)
                        .extracting(
                            row ->
                                row.get("drm_system").asText()
                                    + " "
                                    + row.get("vsf_pct").asDouble()
                                    + " "
                                    + row.get("vsf_business_pct").asDouble())
                        .containsExactly("widevine 5.0 0.0", "fairplay 0.0 20.0", "null 0.0 0.0");
                  })),
          Map.entry(
              "late_and_rejected_beacons_by_reason.sql",
              new Expectation(
                  List.of(),
                  List.of("kind", "reason", "beacons", "first_received_at", "last_received_at"),
                  rows -> {
                    assertThat(rows)
                        .extracting(
                            row ->
                                row.get("kind").asText()
                                    + " "
                                    + row.get("reason").asText()
                                    + " "
                                    + row.get("beacons").asLong())
                        .containsExactly(
                            "late after session end 3",
                            "late duplicate 1",
                            "rejected invalid json 2",
                            "rejected unknown type 1");
                  })));

  @TestFactory
  Stream<DynamicTest> everyExampleQueryAnswersAsWorkedOutByHand() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(QUERIES)) {
      files = listing.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(files)
        .extracting(file -> file.getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      Expectation expected = EXPECTED.get(file.getFileName().toString());
                      List<String> args =
                          new ArrayList<>(
                              List.of(
                                  "sql",
                                  "--data-dir",
                                  dataDir.toString(),
                                  "--format",
                                  "json",
                                  "--file",
                                  file.toString()));
                      args.addAll(expected.params());
                      QoeCli result = QoeCli.run(args.toArray(String[]::new));
                      assertThat(result.err()).isEmpty();
                      assertThat(result.exitCode()).isZero();
                      List<JsonNode> rows = jsonLines(result.out());
                      assertThat(rows).isNotEmpty();
                      rows.forEach(
                          row ->
                              assertThat(row.fieldNames())
                                  .toIterable()
                                  .containsExactlyElementsOf(expected.columns()));
                      expected.rows().accept(rows);
                    }));
  }

  private static List<JsonNode> jsonLines(String out) {
    return out.lines()
        .map(
            line -> {
              try {
                return JSON.readTree(line);
              } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
              }
            })
        .toList();
  }
}
