package dev.openqoe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.process.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void aMalformedIncidentIsBadUsageWithTheSyntax() {
    assertThat(run(Map.of(), "--incident", "cdn-degraded:cdn=fastly@5m")).isEqualTo(2);
    assertThat(err())
        .contains("--incident")
        .contains("no '+duration' after the start '5m'")
        .contains("Syntax: kind[:dimension=value,...]@start+duration");
  }

  @Test
  void anIncidentNoSessionCanBeInIsBadUsage() {
    assertThat(run(Map.of(), "--incident", "cdn-degraded:cdn=cdn-x@5m+10m")).isEqualTo(2);
    assertThat(err())
        .contains("no simulated session has cdn 'cdn-x' (there are: akamai, cloudfront, fastly)");
  }

  @Test
  void aRenditionTheAssetDoesNotHaveIsBadUsage() {
    assertThat(run(Map.of(), "--incident", "bad-rendition:asset_id=movie-1042,bitrate=5000@0s+1m"))
        .isEqualTo(2);
    assertThat(err()).contains("movie-1042 has no 5000 kbps rendition");
  }

  @Test
  void aBrokenTranscodeOfALiveChannelOrAMissingRenditionIsBadUsage() {
    assertThat(run(Map.of(), "--incident", "transcode-broken:asset=live-news,rendition=800k@0s+1m"))
        .isEqualTo(2);
    assertThat(err()).contains("live-news is a live channel, encoded live");
    assertThat(
            run(Map.of(), "--incident", "transcode-broken:asset=movie-1042,rendition=5000k@0s+1m"))
        .isEqualTo(2);
    assertThat(err()).contains("movie-1042 has no 5000 kbps rendition");
  }

  @Test
  void otherBadSettingsAreBadUsage() {
    assertThat(run(Map.of(), "--clock", "slow")).isEqualTo(2);
    assertThat(err()).contains("'slow' is not a clock: use fast or real-time");
    assertThat(run(Map.of(), "--max-session-length", "1m")).isEqualTo(2);
    assertThat(err()).contains("max session length must be at least 215 s");
  }

  @Test
  void environmentVariablesOverrideTheDefaults() {
    assertThat(run(Map.of("QOE_SIMULATE_SESSIONS", "7"), "--help")).isZero();
    assertThat(stdout.toString(StandardCharsets.UTF_8))
        .containsPattern("--sessions=N\\s+How many sessions to play. Default: 7\\.")
        .containsPattern("--concurrency=N\\s+Most sessions open at once");
  }

  @Test
  void writesGeoIpDatabasesWithoutSending() {
    assertThat(run(Map.of(), "--write-geoip", dir.toString())).isZero();
    assertThat(dir.resolve(GeoIpDatabases.COUNTRY_FILE)).isNotEmptyFile();
    assertThat(dir.resolve(GeoIpDatabases.ASN_FILE)).isNotEmptyFile();
    assertThat(err()).doesNotContain("sessions");
  }

  @Test
  void aCollectorThatNeverAnswersEndsTheRunWithExitOneAndATruthFile() throws Exception {
    int closedPort = FreePorts.onLoopback();

    int exit =
        run(
            Map.of(),
            "--collector",
            "http://127.0.0.1:" + closedPort + "/v1/beacons",
            "--sessions",
            "2",
            "--give-up-after",
            "1s",
            "--ground-truth",
            dir.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err())
        .contains("simulate: gave up on")
        .contains("2 sessions (0 delivered, 2 incomplete");
    assertThat(Files.readAllLines(dir.resolve(GroundTruthFiles.SESSIONS)))
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("\"delivery\":\"incomplete\""));
  }

  private int run(Map<String, String> environment, String... args) {
    return SimulateCommand.run(
        args,
        environment,
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
