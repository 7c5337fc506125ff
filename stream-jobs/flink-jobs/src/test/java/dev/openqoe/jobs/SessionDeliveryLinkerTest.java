package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.LicenseRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.PackagingJob;
import dev.openqoe.rootcause.SessionDimensions;
import dev.openqoe.rootcause.SessionOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.state.TestableKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionDeliveryLinkerTest {

  private static final Duration RETENTION = Duration.ofHours(25);
  private static final Duration FLUSH = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyedBroadcastOperatorTestHarness<String, SessionLinkInput, OpsEvent, RowData> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new SessionDeliveryLinker(RETENTION, FLUSH),
            SessionLinkInput::sessionId,
            Types.STRING,
            SessionDeliveryLinker.FAILED_RENDITIONS);
    harness.setProcessingTime(1_000);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  @Test
  void theLinkerStateIsKeptInFlinksOwnSerializersNotKryo() {
    assertThat(TypeInformation.of(SessionLinkInput.class)).isInstanceOf(PojoTypeInfo.class);
    assertThat(TypeInformation.of(OpsEvent.class)).isInstanceOf(PojoTypeInfo.class);
  }

  @Test
  void aFailedSessionIsWrittenWhenItClosesAndAgainOnceForABurstOfLateEvents() throws Exception {
    send(SessionLinkInput.of(request("s-1", 200, "/v/asset-7/3000k/seg-1.m4s", 10)));
    send(SessionLinkInput.fatalError("s-1", "PLAYBACK_STALLED_FATAL"));
    assertThat(rows()).isEmpty();

    send(SessionLinkInput.of(playbackFailure("s-1")));
    assertThat(rows()).hasSize(1);
    Map<String, String> first = rows().get(0);
    assertThat(first)
        .containsEntry("revision", "1")
        .containsEntry("failed", "true")
        .containsEntry("failure_stage", "player")
        .containsEntry("failure_linked", "true")
        .containsEntry("fatal_error_code", "PLAYBACK_STALLED_FATAL")
        .containsEntry("cdn_requests", "1")
        .containsEntry("cdn_5xx", "0");

    harness.setProcessingTime(2_000);
    send(SessionLinkInput.of(request("s-1", 503, "/v/asset-7/3000k/seg-2.m4s", 20)));
    send(SessionLinkInput.of(request("s-1", 200, "/v/asset-7/3000k/seg-2.m4s", 21)));
    assertThat(rows()).hasSize(1);
    harness.setProcessingTime(2_000 + FLUSH.toMillis());
    assertThat(rows()).hasSize(2);
    Map<String, String> second = rows().get(1);
    assertThat(second)
        .containsEntry("revision", "2")
        .containsEntry("failure_stage", "cdn")
        .containsEntry("cdn_requests", "3")
        .containsEntry("cdn_5xx", "1");

    harness.setProcessingTime(1_000 + RETENTION.toMillis());
    assertThat(rows()).hasSize(2);
    assertThat(keyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void aRepeatOfWhatTheLinkerAlreadyKnowsWritesNoNewRevision() throws Exception {
    send(SessionLinkInput.fatalError("s-7", "PLAYBACK_STALLED_FATAL"));
    send(SessionLinkInput.of(playbackFailure("s-7")));
    send(SessionLinkInput.fatalError("s-7", "PLAYBACK_STALLED_FATAL"));
    send(SessionLinkInput.of(playbackFailure("s-7")));
    harness.setProcessingTime(1_000 + FLUSH.toMillis());
    assertThat(rows()).hasSize(1);
    assertThat(harness.numProcessingTimeTimers()).as("only the expiry").isEqualTo(1);
  }

  @Test
  void aNotFoundOfARenditionWhoseJobFailedIsTheTranscodesAndACompletedJobClearsIt()
      throws Exception {
    harness.processBroadcastElement(job("error", "6000k"), 1);
    send(SessionLinkInput.of(request("s-2", 404, "/v/asset-7/6000k/seg-9.m4s", 10)));
    send(SessionLinkInput.fatalError("s-2", "SEGMENT_NOT_FOUND"));
    send(SessionLinkInput.of(playbackFailure("s-2")));
    assertThat(rows().get(0))
        .containsEntry("failure_stage", "transcode")
        .containsEntry("asset_failed_renditions", "6000k")
        .containsEntry("cdn_not_found_paths", "/v/asset-7/6000k");

    harness.processBroadcastElement(job("complete", "6000k"), 2);
    send(SessionLinkInput.of(request("s-3", 404, "/v/asset-7/6000k/seg-9.m4s", 10)));
    send(SessionLinkInput.fatalError("s-3", "SEGMENT_NOT_FOUND"));
    send(SessionLinkInput.of(playbackFailure("s-3")));
    assertThat(rows().get(1))
        .containsEntry("session_id", "s-3")
        .containsEntry("failure_stage", "cdn")
        .containsEntry("asset_failed_renditions", null);
  }

  @Test
  void aDeniedLicenseOfTheSessionMakesItsStartFailureTheDrms() throws Exception {
    send(SessionLinkInput.of(license("s-4", "denied", "POLICY_REJECTED")));
    send(
        SessionLinkInput.of(
            new SessionOutcome(
                "s-4",
                "dev",
                "asset-7",
                "akamai",
                "widevine",
                SessionDimensions.UNKNOWN,
                "vsf",
                false,
                0,
                -1,
                50,
                null)));
    assertThat(rows().get(0))
        .containsEntry("failure_stage", "drm")
        .containsEntry("license_outcome", "denied")
        .containsEntry("license_error_code", "POLICY_REJECTED")
        .containsEntry("license_drm_system", "widevine");
  }

  @Test
  void theRowCarriesTheSessionsSliceAndFactsSoASliceIsCountedWithoutAJoin() throws Exception {
    send(SessionLinkInput.of(request("s-6", 200, "/v/asset-7/3000k/seg-1.m4s", 10)));
    send(
        SessionLinkInput.of(
            new SessionOutcome(
                "s-6",
                "dev",
                "asset-7",
                "akamai",
                "widevine",
                new SessionDimensions(
                    "BR", "BR-SP", 28573L, "tv", "tizen", "shaka", "1.4.1", "vod"),
                "started",
                false,
                3,
                1_450,
                50,
                null)));
    assertThat(rows().get(0))
        .containsEntry("country", "BR")
        .containsEntry("region", "BR-SP")
        .containsEntry("asn", "28573")
        .containsEntry("device_type", "tv")
        .containsEntry("os", "tizen")
        .containsEntry("player_name", "shaka")
        .containsEntry("player_version", "1.4.1")
        .containsEntry("stream_type", "vod")
        .containsEntry("startup_outcome", "started")
        .containsEntry("vpf", "false")
        .containsEntry("rebuffer_count", "3")
        .containsEntry("vst_ms", "1450")
        .containsEntry("failed", "false");
  }

  @Test
  void aHealthySessionWithNothingLinkedWritesNothingAndLeavesNoState() throws Exception {
    send(
        SessionLinkInput.of(
            new SessionOutcome(
                "s-5",
                "dev",
                "asset-7",
                "akamai",
                null,
                SessionDimensions.UNKNOWN,
                "started",
                false,
                0,
                -1,
                50,
                null)));
    assertThat(rows()).isEmpty();
    harness.setProcessingTime(1_000 + RETENTION.toMillis());
    assertThat(keyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void eventsOfASessionThatNeverClosesAreDroppedAfterTheRetention() throws Exception {
    send(SessionLinkInput.of(request("s-6", 200, "/v/asset-7/3000k/seg-1.m4s", 10)));
    harness.setProcessingTime(1_000 + RETENTION.toMillis());
    assertThat(rows()).isEmpty();
    assertThat(keyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  private int keyedStateEntries() {
    return ((TestableKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
        .numKeyValueStateEntries();
  }

  private void send(SessionLinkInput input) throws Exception {
    harness.processElement(new StreamRecord<>(input, 0));
  }

  /** The rows written so far, as the real-time topic's JSON has them (each value as text). */
  private List<Map<String, String>> rows() throws Exception {
    RowJson json = new RowJson(SessionDeliveryRows.SESSION_DELIVERY);
    List<Map<String, String>> rows = new ArrayList<>();
    for (RowData row : harness.extractOutputValues()) {
      Map<String, String> columns = new HashMap<>();
      JSON.readTree(json.toJson(row))
          .properties()
          .forEach(
              e -> columns.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
      rows.add(columns);
    }
    return rows;
  }

  private static SessionOutcome playbackFailure(String sessionId) {
    return new SessionOutcome(
        sessionId,
        "dev",
        "asset-7",
        "cloudfront",
        null,
        SessionDimensions.UNKNOWN,
        "started",
        true,
        0,
        -1,
        60_000,
        null);
  }

  private static OpsEvent request(String sessionId, int status, String uri, long ts) {
    return OpsEvent.cdn(
        "cloudfront_standard",
        ts,
        sessionId,
        "asset-7",
        new CdnRequest(
            "cloudfront", "GRU3-C1", "10.0.0.0", status, 900L, 30L, 80L, "hit", uri, "v"),
        null);
  }

  private static OpsEvent license(String sessionId, String outcome, String errorCode) {
    return OpsEvent.license(
        "drm_json",
        20,
        sessionId,
        "asset-7",
        new LicenseRequest("widevine", "kid", outcome, 35L, "eu-west"),
        errorCode,
        null);
  }

  private static OpsEvent job(String status, String rendition) {
    return OpsEvent.job(
        "mediaconvert",
        5,
        "asset-7",
        new PackagingJob("transcode", "job-1", status, rendition, 1_000L),
        status.equals("error") ? "1040" : null,
        null);
  }
}
