package dev.openqoe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.delivery.CdnJsonLog;
import dev.openqoe.delivery.CloudFrontStandardLog;
import dev.openqoe.delivery.DrmLicenseLog;
import dev.openqoe.delivery.HealthSlice;
import dev.openqoe.delivery.MediaConvertJobEvent;
import dev.openqoe.delivery.OpsInput;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.EventType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The delivery chain's side of a small simulated world with one incident of each stage (and a
 * player bug, which the delivery chain must not show): every raw record reads as valid with the
 * delivery chain's real readers, each incident's symptom is in its slice and window and nowhere
 * else, the ground truth names them, and CMCD links CDN requests to the sessions that made them.
 */
class DeliveryChainTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = 1_800_000_000_000L;
  private static final Incident DEGRADED =
      Incident.parse("cdn-degraded:cdn=cloudfront,country=BR@5m+10m");
  private static final Incident OUTAGE = Incident.parse("drm-outage:drm_system=widevine@10m+10m");
  private static final Incident BROKEN_FROM_START =
      Incident.parse("transcode-broken:asset=movie-1042,rendition=3000k@0s+30m");
  private static final Incident BROKEN_LATER =
      Incident.parse("transcode-broken:asset=series-s02e05,rendition=1600k@20m+5m");
  private static final Incident PLAYER_BUG =
      Incident.parse("player-bug:player_version=1.4.1@0s+30m");
  private static final SimulatorConfig CONFIG =
      SimulatorConfig.DEFAULTS
          .builder()
          .sessions(1500)
          .seed(21)
          .incidents(List.of(DEGRADED, OUTAGE, BROKEN_FROM_START, BROKEN_LATER, PLAYER_BUG))
          .build();
  private static final List<SimulatedSession> SESSIONS = Scenario.fast(CONFIG, "dc", NOW);
  private static final long ORIGIN = Scenario.fastOrigin(CONFIG, NOW);
  private static final List<JobStateChange> JOBS =
      TranscodeJobs.plan(CONFIG.catalog(), CONFIG.incidents(), ORIGIN, NOW, CONFIG.seed());
  private static final Map<String, SimulatedSession> BY_ID =
      SESSIONS.stream().collect(Collectors.toMap(s -> s.plan().sessionId(), Function.identity()));
  private static final List<MediaRequest> REQUESTS =
      SESSIONS.stream().flatMap(s -> s.delivery().requests().stream()).toList();
  private static final List<LicenseRequest> LICENSES =
      SESSIONS.stream().map(s -> s.delivery().license()).filter(l -> l != null).toList();

  @Test
  void everyCloudFrontLineReadsAsValidAndKeepsItsRequest() {
    List<MediaRequest> cloudFront =
        REQUESTS.stream().filter(r -> r.cdn().equals(Cdn.CLOUDFRONT)).toList();
    String file =
        CloudFrontLogLines.HEADER
            + cloudFront.stream().map(CloudFrontLogLines::line).collect(Collectors.joining("\n"));

    List<OpsInput> read = CloudFrontStandardLog.read(file);

    assertThat(cloudFront).hasSizeGreaterThan(10_000);
    assertThat(read)
        .hasSameSizeAs(cloudFront)
        .allSatisfy(r -> assertThat(r).isInstanceOf(OpsInput.Valid.class));
    for (int i = 0; i < read.size(); i++) {
      MediaRequest request = cloudFront.get(i);
      OpsEvent event = ((OpsInput.Valid) read.get(i)).event();
      assertThat(event.eventTime()).isEqualTo(request.endTs() / 1000 * 1000);
      assertThat(event.cdnRequest().edge()).isEqualTo(request.edge());
      assertThat(event.cdnRequest().statusCode()).isEqualTo(request.status());
      assertThat(event.cdnRequest().uri()).isEqualTo(request.uri());
      assertThat(event.cdnRequest().timeTakenMs()).isEqualTo(request.timeTakenMs());
      assertThat(event.cdnRequest().clientIp())
          .isEqualTo(
              request.clientAddress().substring(0, request.clientAddress().lastIndexOf('.'))
                  + ".0");
      // CMCD, encoded by the player and once more by CloudFront, links the line to its session.
      SimulatedSession session = BY_ID.get(request.sessionId());
      if (PlayerTraits.of(session.plan().device()).reportsCmcd()) {
        assertThat(event.sessionId()).isEqualTo(request.sessionId());
        assertThat(event.contentId()).isEqualTo(session.plan().asset().assetId());
        assertThat(event.cdnRequest().objectType()).isEqualTo(request.objectType());
      } else {
        assertThat(event.sessionId()).isNull();
      }
    }
    assertThat(file.lines().skip(1).findFirst().orElseThrow().split(" ")).hasSize(34);
  }

  @Test
  void everyOtherCdnRequestIsInTheGenericCdnJsonForm() throws Exception {
    List<MediaRequest> others =
        REQUESTS.stream().filter(r -> !r.cdn().equals(Cdn.CLOUDFRONT)).toList();

    assertThat(others).hasSizeGreaterThan(10_000);
    for (MediaRequest request : others) {
      List<OpsInput> reads = CdnJsonLog.read(DeliveryJson.cdnRequest(request));
      assertThat(reads).singleElement().isInstanceOf(OpsInput.Valid.class);
      OpsEvent event = ((OpsInput.Valid) reads.get(0)).event();
      assertThat(event.cdnRequest().cdn()).isEqualTo(request.cdn());
      assertThat(event.cdnRequest().statusCode()).isEqualTo(request.status());
      JsonNode json = JSON.readTree(DeliveryJson.cdnRequest(request));
      assertThat(Instant.parse(json.get("time").asText()).toEpochMilli())
          .isEqualTo(request.endTs());
      assertThat(json.get("cdn").asText()).isIn("fastly", "akamai").isEqualTo(request.cdn());
      assertThat(json.get("edge").asText()).isEqualTo(request.edge());
      assertThat(json.get("status").isInt()).isTrue();
      assertThat(json.get("uri").asText()).startsWith("/v/").doesNotContain("?");
      assertThat(json.get("client_ip").asText()).isEqualTo(request.clientAddress());
      assertThat(json.get("bytes").isIntegralNumber()).isTrue();
      assertThat(json.get("ttfb_ms").asLong())
          .isLessThanOrEqualTo(json.get("time_taken_ms").asLong());
      assertThat(json.get("cache").asText()).isIn("hit", "miss", "refresh_hit", "error");
      assertThat(json.get("request_id").asText()).hasSize(32);
      boolean cmcd = PlayerTraits.of(BY_ID.get(request.sessionId()).plan().device()).reportsCmcd();
      if (cmcd) {
        String payload =
            URLDecoder.decode(
                json.get("query").asText().substring("CMCD=".length()), StandardCharsets.UTF_8);
        assertThat(payload)
            .contains("sid=\"" + request.sessionId() + "\"", "ot=" + request.objectType());
      } else {
        assertThat(json.has("query")).isFalse();
      }
    }
  }

  @Test
  void everyLicenseRequestAndJobEventReadsAsValid() {
    assertThat(LICENSES).hasSizeGreaterThan(300);
    for (LicenseRequest license : LICENSES) {
      List<OpsInput> reads = DrmLicenseLog.read(DeliveryJson.licenseRequest(license));
      assertThat(reads).hasSize(1);
      OpsInput read = reads.get(0);
      assertThat(read).isInstanceOf(OpsInput.Valid.class);
      OpsEvent event = ((OpsInput.Valid) read).event();
      SimulatedSession session = BY_ID.get(license.sessionId());
      assertThat(event.sessionId()).isEqualTo(session.plan().sessionId());
      assertThat(event.license().drmSystem()).isEqualTo(session.plan().device().drmSystem());
      assertThat(HealthSlice.of(event))
          .isEqualTo(
              "drm|"
                  + license.drmSystem()
                  + "|"
                  + LicenseService.region(session.plan().network().country()));
    }
    for (SimulatedSession session : SESSIONS) {
      // A protected playback that got as far as its first frame asked for a license first.
      if (session.plan().drmSystem() != null && session.intended().vstMs() != null) {
        assertThat(session.delivery().license()).isNotNull();
        assertThat(session.delivery().license().ts()).isLessThan(firstFrame(session));
      }
      if (session.plan().drmSystem() == null) {
        assertThat(session.delivery().license()).isNull();
      }
    }
    Map<String, List<OpsEvent>> byJob = new HashMap<>();
    for (JobStateChange job : JOBS) {
      List<OpsInput> reads = MediaConvertJobEvent.read(DeliveryJson.jobStateChange(job));
      assertThat(reads).hasSize(1);
      OpsInput read = reads.get(0);
      assertThat(read).isInstanceOf(OpsInput.Valid.class);
      OpsEvent event = ((OpsInput.Valid) read).event();
      assertThat(event.eventTime()).isEqualTo(job.ts());
      assertThat(HealthSlice.of(event))
          .isEqualTo("transcode|" + job.assetId() + "|" + job.rendition());
      byJob.computeIfAbsent(event.job().jobId(), id -> new ArrayList<>()).add(event);
    }
    long vodRenditions =
        CONFIG.catalog().assets().stream()
            .filter(a -> a.streamType() == dev.openqoe.protocol.StreamType.VOD)
            .mapToLong(a -> a.ladder().size())
            .sum();
    // The catalogue's jobs, the failing re-run of the later incident and the two resubmissions.
    assertThat(byJob).hasSize((int) vodRenditions + 3);
    assertThat(byJob.values())
        .allSatisfy(
            events ->
                assertThat(
                        events.stream().map(e -> e.job().status()).collect(Collectors.joining(",")))
                    .isIn("submitted,progressing,complete", "submitted,progressing,error"));
  }

  @Test
  void aDegradedCdnAnswersWith5xxAndSlowlyAtItsSliceEdgesOnly() {
    Set<String> hit = hitBy(DEGRADED);
    List<MediaRequest> failed = REQUESTS.stream().filter(r -> r.status() / 100 == 5).toList();
    ObjectNode truth = symptoms(DEGRADED);
    Set<String> slices = new HashSet<>(texts(truth.get("slices")));

    assertThat(hit).hasSizeGreaterThan(10);
    assertThat(failed).hasSizeGreaterThan(10);
    assertThat(slices)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s).matches("cdn\\|cloudfront\\|(GRU3-P1|GIG51-C1)"));
    for (MediaRequest request : failed) {
      assertThat(hit).contains(request.sessionId());
      assertThat(slices).contains("cdn|" + request.cdn() + "|" + request.edge());
      assertThat(request.endTs()).isGreaterThanOrEqualTo(ORIGIN + DEGRADED.start().toMillis());
      assertThat(request.endTs()).isLessThanOrEqualTo(truth.get("last_ts").asLong());
    }
    assertThat(truth.get("status_5xx").asLong()).isEqualTo(failed.size());
    long hitTaken =
        medianTimeTaken(REQUESTS.stream().filter(r -> hit.contains(r.sessionId())).toList());
    long restTaken =
        medianTimeTaken(REQUESTS.stream().filter(r -> !hit.contains(r.sessionId())).toList());
    assertThat(hitTaken).isGreaterThan(2 * restTaken);
  }

  @Test
  void aDrmOutageFailsTheLicensesOfTheStartsItFailsAndNoOthers() {
    Set<String> hit = hitBy(OUTAGE);
    ObjectNode truth = symptoms(OUTAGE);
    List<LicenseRequest> failed = LICENSES.stream().filter(l -> !l.granted()).toList();

    assertThat(failed).hasSizeGreaterThan(10);
    assertThat(failed.stream().map(LicenseRequest::outcome)).contains("denied", "error");
    for (LicenseRequest license : failed) {
      SimulatedSession session = BY_ID.get(license.sessionId());
      assertThat(hit).contains(license.sessionId());
      assertThat(license.drmSystem()).isEqualTo("widevine");
      assertThat(license.errorCode()).isNotBlank();
      assertThat(fatalCode(session)).isEqualTo("DRM_LICENSE_FAILED");
      assertThat(license.ts()).isGreaterThanOrEqualTo(ORIGIN + OUTAGE.start().toMillis());
    }
    // Every start the outage failed has its failed license, and the ground truth lists each.
    long failedStarts =
        SESSIONS.stream().filter(s -> "DRM_LICENSE_FAILED".equals(fatalCode(s))).count();
    assertThat(failed).hasSize((int) failedStarts);
    assertThat(texts(truth.get("failed_license_request_ids")))
        .containsExactlyInAnyOrderElementsOf(
            failed.stream().map(LicenseRequest::requestId).toList());
    assertThat(texts(truth.get("slices")))
        .containsExactlyInAnyOrderElementsOf(
            failed.stream().map(l -> "drm|widevine|" + l.region()).collect(Collectors.toSet()));
  }

  @Test
  void aBrokenTranscodeFailsItsJobAndLeavesItsSegmentsMissingForThePlayersOfItsAsset() {
    List<JobStateChange> errors = JOBS.stream().filter(j -> j.status().equals("ERROR")).toList();

    assertThat(errors)
        .extracting(j -> j.assetId() + "|" + j.rendition())
        .containsExactlyInAnyOrder("movie-1042|3000k", "series-s02e05|1600k");
    assertThat(errors).allSatisfy(j -> assertThat(j.errorCode()).isEqualTo(1401));
    JobStateChange later =
        errors.stream().filter(j -> j.assetId().equals("series-s02e05")).findFirst().orElseThrow();
    assertThat(later.ts()).isBetween(ORIGIN + 20 * 60_000L, ORIGIN + 25 * 60_000L);
    for (Incident incident : List.of(BROKEN_FROM_START, BROKEN_LATER)) {
      String asset = incident.scope().get("asset_id");
      String path = "/v/" + asset + "/" + incident.rendition() + "/";
      Set<String> hit = hitBy(incident);
      List<MediaRequest> missing =
          REQUESTS.stream().filter(r -> r.uri().startsWith(path) && r.status() == 404).toList();
      ObjectNode truth = symptoms(incident);

      assertThat(missing).isNotEmpty();
      assertThat(missing).allSatisfy(r -> assertThat(hit).contains(r.sessionId()));
      assertThat(
              REQUESTS.stream()
                  .filter(r -> r.uri().startsWith(path) && hit.contains(r.sessionId())))
          .allSatisfy(r -> assertThat(r.status()).isEqualTo(404));
      assertThat(texts(truth.get("slices")))
          .containsExactly("transcode|" + asset + "|" + incident.rendition());
      assertThat(texts(truth.get("failed_job_ids")))
          .containsExactly(
              errors.stream()
                  .filter(j -> j.assetId().equals(asset))
                  .findFirst()
                  .orElseThrow()
                  .jobId());
      // Each player that reached the rendition either dropped a rung (Shaka, ExoPlayer) or failed.
      for (String sessionId :
          missing.stream().map(MediaRequest::sessionId).collect(Collectors.toSet())) {
        SimulatedSession session = BY_ID.get(sessionId);
        boolean skips = PlayerTraits.of(session.plan().device()).skipsMissingRendition();
        List<BeaconEvent> notFound =
            session.beacons().stream()
                .filter(
                    b ->
                        b.type() == EventType.ERROR && b.error().code().equals("SEGMENT_NOT_FOUND"))
                .toList();
        assertThat(notFound).isNotEmpty();
        assertThat(notFound.get(0).error().fatal()).isEqualTo(!skips);
      }
    }
    // Other segments are missing only for the starts that fail with SEGMENT_NOT_FOUND.
    assertThat(
            REQUESTS.stream()
                .filter(r -> r.status() == 404 && !r.objectType().equals("m"))
                .filter(r -> !r.uri().contains("/movie-1042/3000k/"))
                .filter(r -> !r.uri().contains("/series-s02e05/1600k/")))
        .isNotEmpty()
        .allSatisfy(
            r -> {
              SimulatedSession session = BY_ID.get(r.sessionId());
              assertThat(fatalCode(session)).isEqualTo("SEGMENT_NOT_FOUND");
              assertThat(session.intended().vstMs()).isNull();
            });
  }

  @Test
  void aPlayerBugFailsSessionsTheDeliveryChainServesNormally() {
    List<SimulatedSession> onlyBug =
        SESSIONS.stream().filter(s -> s.incidents().equals(List.of(PLAYER_BUG))).toList();
    List<SimulatedSession> failed =
        onlyBug.stream().filter(s -> "PLAYER_INTERNAL_ERROR".equals(fatalCode(s))).toList();
    ObjectNode truth = symptoms(PLAYER_BUG);

    assertThat(failed).hasSizeGreaterThan(30);
    assertThat(failed).anySatisfy(s -> assertThat(s.intended().vpf()).isTrue());
    assertThat(failed).anySatisfy(s -> assertThat(s.intended().vstMs()).isNull());
    for (SimulatedSession session : failed) {
      assertThat(session.delivery().requests())
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.status()).isBetween(200, 299));
      if (session.plan().drmSystem() != null && session.intended().vpf()) {
        assertThat(session.delivery().license()).isNotNull();
      }
    }
    assertThat(onlyBug.stream().map(s -> s.delivery().license()).filter(l -> l != null))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.granted()).isTrue());
    // The rest of the slice fails at the CDN only where the baseline fails a start there.
    assertThat(
            onlyBug.stream()
                .flatMap(s -> s.delivery().requests().stream())
                .filter(r -> r.status() / 100 != 2))
        .allSatisfy(
            r ->
                assertThat(fatalCode(BY_ID.get(r.sessionId())))
                    .isIn(
                        "MANIFEST_LOAD_FAILED",
                        "SEGMENT_NOT_FOUND",
                        "GEO_BLOCKED",
                        "NOT_ENTITLED"));
    assertThat(truth.get("stage").asText()).isEqualTo("player");
    assertThat(truth.get("slices")).isEmpty();
    assertThat(truth.get("sessions").asInt()).isEqualTo(hitBy(PLAYER_BUG).size());
    assertThat(truth.get("note").asText()).contains("the delivery chain is healthy");
  }

  @Test
  void theGroundTruthOfASessionListsItsRequestsAndLicense() {
    for (SimulatedSession session : SESSIONS) {
      JsonNode chain =
          SessionTruth.of(session, Delivery.DELIVERED, true).toJson().get("delivery_chain");
      List<MediaRequest> requests = session.delivery().requests();
      assertThat(texts(chain.get("request_ids")))
          .containsExactlyElementsOf(requests.stream().map(MediaRequest::requestId).toList());
      assertThat(chain.get("status_5xx").asInt())
          .isEqualTo((int) requests.stream().filter(r -> r.status() / 100 == 5).count());
      assertThat(chain.get("edge").asText()).isEqualTo(requests.get(0).edge());
      LicenseRequest license = session.delivery().license();
      if (license == null) {
        assertThat(chain.get("license").isNull()).isTrue();
      } else {
        assertThat(chain.get("license").get("request_id").asText()).isEqualTo(license.requestId());
        assertThat(chain.get("license").get("outcome").asText()).isEqualTo(license.outcome());
      }
    }
  }

  @Test
  void theDeliveryChainChangesNothingThePlayerDoes() {
    SimulatorConfig noIncidents = CONFIG.builder().incidents(List.of()).build();
    List<SimulatedSession> plain = Scenario.fast(noIncidents, "dc", NOW);
    List<SimulatedSession> again = Scenario.fast(noIncidents, "dc", NOW);

    assertThat(again).isEqualTo(plain);
    assertThat(plain.stream().flatMap(s -> s.delivery().requests().stream()))
        .allSatisfy(r -> assertThat(r.status()).isIn(200, 403, 404));
    assertThat(plain.stream().map(s -> s.delivery().license()).filter(l -> l != null))
        .allSatisfy(l -> assertThat(l.granted()).isTrue());
  }

  private static Set<String> hitBy(Incident incident) {
    return SESSIONS.stream()
        .filter(s -> s.incidents().contains(incident))
        .map(s -> s.plan().sessionId())
        .collect(Collectors.toSet());
  }

  private static ObjectNode symptoms(Incident incident) {
    List<SessionTruth> hit =
        SESSIONS.stream()
            .filter(s -> s.incidents().contains(incident))
            .map(s -> SessionTruth.of(s, Delivery.DELIVERED, true))
            .toList();
    return IncidentSymptoms.of(incident, hit, JOBS, ORIGIN);
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static long medianTimeTaken(List<MediaRequest> requests) {
    List<Long> taken =
        requests.stream()
            .filter(r -> r.objectType().equals("v"))
            .map(MediaRequest::timeTakenMs)
            .sorted()
            .toList();
    return taken.get(taken.size() / 2);
  }

  private static long firstFrame(SimulatedSession session) {
    return session.beacons().stream()
        .filter(b -> b.type() == EventType.FIRST_FRAME)
        .findFirst()
        .orElseThrow()
        .ts();
  }

  private static String fatalCode(SimulatedSession session) {
    return session.beacons().stream()
        .filter(b -> b.type() == EventType.ERROR && b.error().fatal())
        .map(b -> b.error().code())
        .findFirst()
        .orElse(null);
  }
}
