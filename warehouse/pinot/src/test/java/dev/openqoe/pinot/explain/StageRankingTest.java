package dev.openqoe.pinot.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageRankingTest {

  private static final String FAILED = "failed starts";

  /** Sessions per DRM system (sessions, affected) and the links of the affected ones. */
  private static SliceCounts counts(
      long widevine,
      long widevineFailed,
      long fairplay,
      long fairplayFailed,
      long drmLinked,
      long playerCoded) {
    Map<String, SliceCounts.Sessions> drm = new LinkedHashMap<>();
    drm.put("widevine", new SliceCounts.Sessions(widevine, widevineFailed));
    drm.put("fairplay", new SliceCounts.Sessions(fairplay, fairplayFailed));
    Map<DeliveryStage, Map<String, SliceCounts.Sessions>> byComponent =
        new EnumMap<>(DeliveryStage.class);
    byComponent.put(DeliveryStage.DRM, drm);
    byComponent.put(
        DeliveryStage.CDN,
        Map.of(
            "akamai",
            new SliceCounts.Sessions(widevine + fairplay, widevineFailed + fairplayFailed)));
    return new SliceCounts(
        widevine + fairplay,
        widevineFailed + fairplayFailed,
        Map.of(DeliveryStage.DRM, drmLinked),
        playerCoded,
        byComponent);
  }

  private static Map<DeliveryStage, Map<String, ComponentHealth>> drmOutage() {
    return Map.of(
        DeliveryStage.DRM,
        Map.of(
            "widevine", new ComponentHealth("widevine", 300, 1000, "eu-west-1", 0.5, 5, 1000),
            "fairplay", new ComponentHealth("fairplay", 5, 1000, null, 0, 5, 1000)),
        DeliveryStage.CDN,
        Map.of("akamai", new ComponentHealth("akamai", 10, 10_000, "FRA", 0.002, 9, 10_000)));
  }

  @Test
  void aSliceWhoseFailuresAreLinkedToDeniedLicensesIsADrmProblem() {
    // Overall: 1,000 widevine starts, 300 failed on their licenses; 1,000 fairplay, 20 failed.
    SliceCounts overall = counts(1000, 320, 1000, 20, 300, 40);
    SliceCounts widevine = counts(1000, 320, 0, 0, 300, 20);

    StageRanking.Ranked ranked =
        StageRanking.rank(
            widevine, overall, drmOutage(), Map.of(DeliveryStage.DRM, "widevine"), FAILED);

    assertThat(ranked.verdict()).isEqualTo("drm");
    StageCandidate drm = ranked.stages().get(0);
    assertThat(drm.stage()).isEqualTo("drm");
    assertThat(drm.explained()).isEqualTo(1.0);
    assertThat(drm.linkedSessions()).isEqualTo(300);
    assertThat(drm.sentence())
        .contains(
            "300 of 320 failed starts (93.8 %) have a license request denied or failed, or their failure's stage is DRM")
        .contains("widevine (30.0 % licenses denied or failed of 1000; worst region eu-west-1");
    assertThat(ranked.sentence()).startsWith("drm accounts for 100.0 % of the slice's excess");
  }

  @Test
  void aPlayerBugDuringADrmOutageIsNotBlamedOnTheDrm() {
    // Version 1.4.1 fails 25 % of its starts everywhere; the outage hits its widevine starts as
    // much as everyone's (30 %), no more.
    SliceCounts overall = counts(1000, 320, 1000, 20, 300, 40);
    SliceCounts buggy = counts(200, 60 + 50, 200, 50, 60, 100);

    StageRanking.Ranked ranked = StageRanking.rank(buggy, overall, drmOutage(), Map.of(), FAILED);

    assertThat(ranked.verdict()).isEqualTo("unknown");
    assertThat(ranked.stages()).allSatisfy(stage -> assertThat(stage.explained()).isLessThan(0.3));
    assertThat(ranked.sentence())
        .contains("no delivery-chain stage accounts for it")
        .contains("100 of its 160 failed starts carry the player's own error codes");
  }

  @Test
  void aPlayerBugOnlyTheFailingDrmSystemServesIsThePlayersWhenItsCodesAccountForMore() {
    // Android plays only widevine: its starts fail 30 % in the outage like every widevine start's,
    // and 25 % more with the player's own code.
    SliceCounts android = counts(300, 171, 0, 0, 90, 75);
    SliceCounts overall = counts(1300, 320 + 171, 1000, 20, 300 + 90, 20 + 75);

    StageRanking.Ranked ranked = StageRanking.rank(android, overall, drmOutage(), Map.of(), FAILED);

    StageCandidate drm = ranked.stages().get(0);
    assertThat(drm.stage()).isEqualTo("drm");
    assertThat(drm.explained()).as("the outage's share of its excess").isBetween(0.5, 0.6);
    assertThat(ranked.verdict()).isEqualTo("unknown");
    assertThat(ranked.sentence())
        .startsWith(
            "the player's own errors account for more of it than any delivery-chain stage (drm"
                + " accounts for 54.5 %)")
        .contains("75 of its 171 failed starts carry the player's own error codes");
  }

  @Test
  void aDegradedComponentTheSliceConcentratesOnAccountsForItWithoutDirectLinks() {
    // Players without CMCD: nothing links the failures, but they sit on the failing DRM system.
    SliceCounts overall = counts(1000, 320, 1000, 20, 0, 0);
    SliceCounts ios = counts(0, 0, 0, 0, 0, 0);
    SliceCounts widevine = counts(1000, 320, 0, 0, 0, 0);

    assertThat(StageRanking.rank(widevine, overall, drmOutage(), Map.of(), FAILED).verdict())
        .isEqualTo("drm");
    assertThat(StageRanking.rank(ios, overall, drmOutage(), Map.of(), FAILED).verdict())
        .as("no affected sessions, nothing to account for")
        .isEqualTo("unknown");
  }

  @Test
  void aHealthyChainAccountsForNothing() {
    SliceCounts overall = counts(1000, 20, 1000, 20, 0, 40);
    SliceCounts slice = counts(100, 30, 100, 30, 0, 60);
    Map<DeliveryStage, Map<String, ComponentHealth>> healthy =
        Map.of(
            DeliveryStage.DRM,
            Map.of(
                "widevine", new ComponentHealth("widevine", 5, 1000, "eu-west-1", 0.01, 4, 1000)));

    StageRanking.Ranked ranked = StageRanking.rank(slice, overall, healthy, Map.of(), FAILED);

    assertThat(ranked.verdict()).isEqualTo("unknown");
    assertThat(ranked.stages().get(0).sentence()).contains("healthy");
  }

  @Test
  void aComponentIsDegradedAboveItsFloorAndTwiceItsBaseline() {
    double floor = DeliveryStage.CDN.failureRateFloor();
    assertThat(new ComponentHealth("c", 30, 1000, "e", 0.03, 10, 1000).degraded(floor)).isTrue();
    assertThat(new ComponentHealth("c", 30, 1000, "e", 0.03, 20, 1000).degraded(floor))
        .as("1.5 times its baseline")
        .isFalse();
    assertThat(new ComponentHealth("c", 15, 1000, "e", 0.015, 0, 1000).degraded(floor))
        .as("under the 2 % floor")
        .isFalse();
    assertThat(new ComponentHealth("c", 30, 1000, "e", 0.03, 0, 0).degraded(floor))
        .as("no baseline records")
        .isTrue();
    assertThat(
            new ComponentHealth("movie-1", 1, 3, "3000k", 0.33, 0, 0)
                .degraded(DeliveryStage.TRANSCODE.failureRateFloor()))
        .as("one failed transcode job")
        .isTrue();
  }
}
