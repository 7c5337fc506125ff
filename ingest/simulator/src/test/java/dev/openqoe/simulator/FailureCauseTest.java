package dev.openqoe.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import dev.openqoe.session.StartupOutcome;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ground truth's failure_stage: one case per row of the README's table, then a world with an
 * incident of every kind where each failed session's stage agrees with its own delivery-chain
 * records.
 */
class FailureCauseTest {

  /** Every technical fatal code the generator scripts: a new one needs its row in the table. */
  private static final Set<String> TECHNICAL_FATAL_CODES =
      Set.of(
          "MANIFEST_LOAD_FAILED",
          "SEGMENT_NOT_FOUND",
          "SOURCE_NOT_SUPPORTED",
          "DRM_LICENSE_FAILED",
          "MEDIA_DECODE_ERROR",
          "PLAYER_INTERNAL_ERROR",
          "PLAYBACK_STALLED_FATAL");

  private static final Incident TRANSCODE =
      Incident.parse("transcode-broken:asset=movie-1042,rendition=3000k@0s+30m");
  private static final SimulatorConfig CONFIG =
      SimulatorConfig.DEFAULTS
          .builder()
          .sessions(6000)
          .seed(3)
          .incidents(
              List.of(
                  Incident.parse("cdn-degraded:cdn=cloudfront@0s+30m"),
                  Incident.parse("drm-outage:drm_system=playready@0s+10m"),
                  Incident.parse("bad-rendition:asset_id=movie-2077,bitrate=1600@0s+30m"),
                  TRANSCODE,
                  Incident.parse("player-bug:player_version=1.5.17@0s+30m")))
          .build();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "license failure in a drm-outage|DRM_LICENSE_FAILED|false|true|0|drm",
        "rendition missing because of transcode-broken|SEGMENT_NOT_FOUND|true|true|0|transcode",
        "baseline segment 404 without a failed job|SEGMENT_NOT_FOUND|false|true|0|cdn",
        "baseline manifest 404|MANIFEST_LOAD_FAILED|false|false|0|cdn",
        "baseline unsupported source|SOURCE_NOT_SUPPORTED|false|true|0|player",
        "bad-rendition|MEDIA_DECODE_ERROR|false|true|0|player",
        "bad-rendition in a degraded CDN's slice|MEDIA_DECODE_ERROR|false|true|2|player",
        "player-bug|PLAYER_INTERNAL_ERROR|false|false|0|player",
        "fatal stall, CMCD, a 5xx|PLAYBACK_STALLED_FATAL|false|true|1|cdn",
        "fatal stall, CMCD, no 5xx|PLAYBACK_STALLED_FATAL|false|true|0|player",
        "fatal stall, no CMCD, no 5xx|PLAYBACK_STALLED_FATAL|false|false|0|unknown",
        "fatal stall, no CMCD, 5xx nothing links to it|PLAYBACK_STALLED_FATAL|false|false|3|unknown"
      })
  void eachRowOfTheTablePlacesItsFailure(
      String row,
      String code,
      boolean missingRendition404,
      boolean cmcd,
      int status5xx,
      String stage) {
    assertThat(FailureCause.stage(code, missingRendition404, cmcd, status5xx).wireName())
        .isEqualTo(stage);
  }

  @Test
  void aFatalCodeTheTableDoesNotPlaceFailsLoudly() {
    assertThatThrownBy(() -> FailureCause.stage("HDCP_REQUIRED", false, true, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HDCP_REQUIRED");
  }

  @Test
  void everyTechnicalFailureOfAWorldWithEveryIncidentHasTheStageItsRecordsShow() {
    List<SimulatedSession> sessions = Scenario.fast(CONFIG, "fc", 1_800_000_000_000L);
    Set<String> codes = new HashSet<>();
    Set<String> stages = new HashSet<>();
    for (SimulatedSession session : sessions) {
      JsonNode truth = SessionTruth.of(session, Delivery.DELIVERED, true).toJson();
      String code = technicalFatalCode(session);
      boolean failed =
          session.intended().startupOutcome() == StartupOutcome.VSF || session.intended().vpf();
      assertThat(code != null).as(session.plan().sessionId()).isEqualTo(failed);
      // Without the delivery chain the stage is still the simulator's knowledge.
      assertThat(SessionTruth.of(session, Delivery.DELIVERED, false).toJson().get("failure_stage"))
          .isEqualTo(truth.get("failure_stage"));
      if (code == null) {
        assertThat(truth.get("failure_stage").isNull()).isTrue();
        assertThat(truth.get("failure_code").isNull()).isTrue();
        continue;
      }
      String stage = truth.get("failure_stage").asText();
      assertThat(truth.get("failure_code").asText()).isEqualTo(code);
      codes.add(code);
      stages.add(stage);
      assertShownByItsRecords(session, code, stage);
    }
    assertThat(codes).isEqualTo(TECHNICAL_FATAL_CODES);
    assertThat(stages).containsExactlyInAnyOrder("player", "cdn", "drm", "transcode", "unknown");
  }

  private static void assertShownByItsRecords(SimulatedSession session, String code, String stage) {
    SessionDelivery delivery = session.delivery();
    String missingPath = DeliveryScript.renditionPath("movie-1042", 3000);
    boolean hitByTranscode = session.incidents().contains(TRANSCODE);
    boolean missing404 =
        hitByTranscode
            && delivery.requests().stream()
                .anyMatch(r -> r.status() == 404 && r.uri().startsWith(missingPath));
    boolean otherNotFound =
        delivery.requests().stream()
            .anyMatch(
                r -> r.status() == 404 && !(hitByTranscode && r.uri().startsWith(missingPath)));
    long status5xx = delivery.requests().stream().filter(r -> r.status() / 100 == 5).count();
    boolean licenseFailed = delivery.license() != null && !delivery.license().granted();
    boolean stall = code.equals("PLAYBACK_STALLED_FATAL");
    String context = session.plan().sessionId() + " " + code + " " + stage;
    switch (stage) {
      case "drm" -> assertThat(licenseFailed).as(context).isTrue();
      case "transcode" -> assertThat(missing404 && !otherNotFound).as(context).isTrue();
      case "cdn" ->
          assertThat(otherNotFound || (stall && delivery.cmcd() && status5xx > 0))
              .as(context)
              .isTrue();
      case "player" ->
          assertThat(!licenseFailed && !otherNotFound && (!stall || status5xx == 0))
              .as(context)
              .isTrue();
      case "unknown" -> assertThat(stall && !delivery.cmcd()).as(context).isTrue();
      default -> throw new AssertionError("unknown failure_stage " + context);
    }
  }

  /** The code of the session's fatal technical error, or null when it ended otherwise. */
  private static String technicalFatalCode(SimulatedSession session) {
    return session.beacons().stream()
        .filter(b -> b.type() == EventType.ERROR && b.error().fatal())
        .filter(b -> b.error().category() == ErrorCategory.TECHNICAL)
        .map(b -> b.error().code())
        .findFirst()
        .orElse(null);
  }
}
