package dev.openqoe.rootcause;

import static dev.openqoe.rootcause.DeliveryEvents.license;
import static dev.openqoe.rootcause.DeliveryEvents.of;
import static dev.openqoe.rootcause.DeliveryEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FailureStageRuleTest {

  private static final DeliveryRecord HEALTHY =
      of(
          request(1, 200, "/v/asset-7/manifest.mpd"),
          request(2, 200, "/v/asset-7/3000k/seg-00001.m4s"),
          license(3, "granted", null, 40));

  private static SessionOutcome startFailure(String code) {
    return new SessionOutcome(
        DeliveryEvents.SESSION,
        "dev",
        "asset-7",
        "cloudfront",
        "widevine",
        SessionDimensions.UNKNOWN,
        "vsf",
        false,
        0,
        -1,
        9,
        code);
  }

  private static SessionOutcome playbackFailure(String code) {
    return new SessionOutcome(
        DeliveryEvents.SESSION,
        "dev",
        "asset-7",
        "cloudfront",
        null,
        SessionDimensions.UNKNOWN,
        "started",
        true,
        0,
        -1,
        9,
        code);
  }

  private static FailureAttribution decide(
      SessionOutcome session, DeliveryRecord delivery, String... failedRenditions) {
    return FailureStageRule.decide(session, delivery, Set.of(failedRenditions));
  }

  @Test
  void aSessionThatDidNotFailHasNoStage() {
    SessionOutcome fine =
        new SessionOutcome(
            "s",
            "dev",
            "a",
            "c",
            null,
            SessionDimensions.UNKNOWN,
            "started",
            false,
            0,
            -1,
            9,
            "SEGMENT_RETRY");
    assertThat(FailureStageRule.decide(fine, HEALTHY, Set.of())).isNull();
    SessionOutcome business =
        new SessionOutcome(
            "s",
            "dev",
            "a",
            "c",
            null,
            SessionDimensions.UNKNOWN,
            "vsf_business",
            false,
            0,
            -1,
            9,
            "GEO_BLOCKED");
    assertThat(FailureStageRule.decide(business, HEALTHY, Set.of())).isNull();
  }

  @Test
  void aFailedLinkedLicenseIsTheDrmWhateverThePlayerSaid() {
    FailureAttribution a =
        decide(
            startFailure("PLAYBACK_STALLED_FATAL"),
            of(request(1, 200, "/v/asset-7/manifest.mpd"), license(2, "error", "UPSTREAM", 4_000)));
    assertThat(a.stage()).isEqualTo(FailureStage.DRM);
    assertThat(a.linked()).isTrue();
    assertThat(a.evidence())
        .isEqualTo(
            "its license request was error (UPSTREAM) by widevine in sa-east (4000 ms); fatal"
                + " error PLAYBACK_STALLED_FATAL");
  }

  @Test
  void aLicenseErrorCodeWithoutALinkedLicenseIsStillTheDrm() {
    FailureAttribution a = decide(startFailure("DRM_LICENSE_FAILED"), DeliveryRecord.EMPTY);
    assertThat(a.stage()).isEqualTo(FailureStage.DRM);
    assertThat(a.linked()).isFalse();
  }

  @Test
  void aNotFoundOfARenditionWhoseJobFailedIsTheTranscode() {
    DeliveryRecord delivery =
        of(
            request(1, 200, "/v/asset-7/3000k/seg-00001.m4s"),
            request(2, 404, "/v/asset-7/6000k/seg-00002.m4s"));
    FailureAttribution a = decide(playbackFailure("SEGMENT_NOT_FOUND"), delivery, "6000k");
    assertThat(a.stage()).isEqualTo(FailureStage.TRANSCODE);
    assertThat(a.linked()).isTrue();
    assertThat(a.evidence()).startsWith("the CDN answered 404 for rendition 6000k of asset-7");
  }

  @Test
  void aNotFoundOfARenditionThatWasTranscodedIsTheCdn() {
    DeliveryRecord delivery = of(request(2, 404, "/v/asset-7/1000k/seg-00002.m4s"));
    FailureAttribution a = decide(startFailure("SEGMENT_NOT_FOUND"), delivery, "6000k");
    assertThat(a.stage()).isEqualTo(FailureStage.CDN);
    assertThat(a.linked()).isTrue();
    assertThat(a.evidence()).contains("/v/asset-7/1000k");
  }

  @Test
  void missingMediaWithoutLinkedRequestsLooksAtTheAssetsJobs() {
    FailureAttribution brokenAsset =
        decide(playbackFailure("SEGMENT_NOT_FOUND"), DeliveryRecord.EMPTY, "6000k");
    assertThat(brokenAsset.stage()).isEqualTo(FailureStage.TRANSCODE);
    assertThat(brokenAsset.linked()).isFalse();

    FailureAttribution healthyAsset =
        decide(startFailure("MANIFEST_LOAD_FAILED"), DeliveryRecord.EMPTY);
    assertThat(healthyAsset.stage()).isEqualTo(FailureStage.CDN);
    assertThat(healthyAsset.linked()).isFalse();
  }

  @Test
  void thePlayersOwnErrorsAreThePlayerEvenWithAHealthyChain() {
    for (String code :
        new String[] {"MEDIA_DECODE_ERROR", "SOURCE_NOT_SUPPORTED", "PLAYER_INTERNAL_ERROR"}) {
      FailureAttribution a = decide(playbackFailure(code), HEALTHY);
      assertThat(a.stage()).as(code).isEqualTo(FailureStage.PLAYER);
      assertThat(a.evidence())
          .endsWith(
              "the CDN served its 2 requests without a server error and its license was granted");
    }
    assertThat(decide(playbackFailure("MEDIA_DECODE_ERROR"), DeliveryRecord.EMPTY).stage())
        .isEqualTo(FailureStage.PLAYER);
  }

  @Test
  void aStallIsTheCdnWhenALinkedRequestGotA5xxAndThePlayerWhenNoneDid() {
    DeliveryRecord degraded =
        of(
            request(1, 200, "/v/asset-7/3000k/seg-00001.m4s"),
            request(2, 502, "/v/asset-7/3000k/seg-00002.m4s", "error", 1_200L, "GRU3-C1"));
    FailureAttribution cdn = decide(playbackFailure("PLAYBACK_STALLED_FATAL"), degraded);
    assertThat(cdn.stage()).isEqualTo(FailureStage.CDN);
    assertThat(cdn.evidence())
        .startsWith(
            "the CDN answered 1 of its 2 requests 5xx (edge GRU3-C1, worst time to first byte"
                + " 1200 ms)");

    assertThat(decide(playbackFailure("PLAYBACK_STALLED_FATAL"), HEALTHY).stage())
        .isEqualTo(FailureStage.PLAYER);
  }

  @Test
  void nothingLinkedAndACodeThatNamesNoStageIsUnknown() {
    FailureAttribution a =
        decide(playbackFailure("PLAYBACK_STALLED_FATAL"), of(license(1, "granted", null, 40)));
    assertThat(a.stage()).isEqualTo(FailureStage.UNKNOWN);
    assertThat(decide(playbackFailure(null), DeliveryRecord.EMPTY).stage())
        .isEqualTo(FailureStage.UNKNOWN);
  }

  @Test
  void errorCodesAreClassedByTheWordsPlayersUse() {
    assertThat(FatalErrorClass.of("DRM_LICENSE_FAILED")).isEqualTo(FatalErrorClass.LICENSE);
    assertThat(FatalErrorClass.of("KEY_SYSTEM_ERROR")).isEqualTo(FatalErrorClass.LICENSE);
    assertThat(FatalErrorClass.of("manifestLoadError")).isEqualTo(FatalErrorClass.MISSING_MEDIA);
    assertThat(FatalErrorClass.of("HTTP_404")).isEqualTo(FatalErrorClass.MISSING_MEDIA);
    assertThat(FatalErrorClass.of("MEDIA_ERR_SRC_NOT_SUPPORTED")).isEqualTo(FatalErrorClass.PLAYER);
    assertThat(FatalErrorClass.of("bufferAppendError")).isEqualTo(FatalErrorClass.OTHER);
    assertThat(FatalErrorClass.of(null)).isEqualTo(FatalErrorClass.OTHER);
  }
}
