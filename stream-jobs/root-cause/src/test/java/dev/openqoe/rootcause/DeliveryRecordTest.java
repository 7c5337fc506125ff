package dev.openqoe.rootcause;

import static dev.openqoe.rootcause.DeliveryEvents.license;
import static dev.openqoe.rootcause.DeliveryEvents.of;
import static dev.openqoe.rootcause.DeliveryEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryRecordTest {

  @Test
  void countsRequestsByStatusAndCacheAndKeepsTheWorstTimeToFirstByte() {
    DeliveryRecord record =
        of(
            request(3_000, 200, "/v/asset-7/3000k/seg-00002.m4s", "miss", 180L, "GRU3-C1"),
            request(1_000, 200, "/v/asset-7/manifest.mpd", "hit", 12L, "GRU3-C1"),
            request(2_000, 503, "/v/asset-7/3000k/seg-00001.m4s", "error", 900L, "GIG51-C2"),
            request(4_000, 404, "/v/asset-7/6000k/seg-00003.m4s", "error", null, "GRU3-C1"));

    assertThat(record.cdnRequests()).isEqualTo(4);
    assertThat(record.cdn4xx()).isEqualTo(1);
    assertThat(record.cdn5xx()).isEqualTo(1);
    assertThat(record.cacheMisses()).isEqualTo(1);
    assertThat(record.worstTtfbMs()).isEqualTo(900);
    assertThat(record.edges()).isEqualTo("GIG51-C2,GRU3-C1");
    assertThat(record.notFoundPaths()).isEqualTo("/v/asset-7/6000k");
    assertThat(record.firstEventAt()).isEqualTo(1_000);
    assertThat(record.lastEventAt()).isEqualTo(4_000);
    assertThat(record.linked()).isTrue();
    assertThat(DeliveryRecord.EMPTY.linked()).isFalse();
  }

  @Test
  void keepsTheWorstLicenseOutcomeWithItsErrorCodeWhateverTheOrder() {
    DeliveryRecord grantedLast =
        of(license(1_000, "error", "UPSTREAM_TIMEOUT", 4_000), license(2_000, "granted", null, 40));
    DeliveryRecord grantedFirst =
        of(license(1_000, "granted", null, 40), license(2_000, "error", "UPSTREAM_TIMEOUT", 4_000));

    for (DeliveryRecord record : new DeliveryRecord[] {grantedLast, grantedFirst}) {
      assertThat(record.licenseRequests()).isEqualTo(2);
      assertThat(record.licenseOutcome()).isEqualTo("error");
      assertThat(record.licenseErrorCode()).isEqualTo("UPSTREAM_TIMEOUT");
      assertThat(record.worstLicenseLatencyMs()).isEqualTo(4_000);
      assertThat(record.licenseFailed()).isTrue();
      assertThat(record.drmSystem()).isEqualTo("widevine");
      assertThat(record.drmRegion()).isEqualTo("sa-east");
    }
    assertThat(of(license(1_000, "denied", "POLICY", 30)).licenseOutcome()).isEqualTo("denied");
    assertThat(of(license(1_000, "granted", null, 30)).licenseFailed()).isFalse();
  }

  @Test
  void listsAtMostEightEdgesSoARecordStaysSmall() {
    DeliveryRecord record = DeliveryRecord.EMPTY;
    for (int i = 0; i < 12; i++) {
      record =
          record.plus(request(i, 200, "/v/a/1k/s.m4s", "hit", 10L, "EDGE-" + (char) ('A' + i)));
    }
    assertThat(record.edges().split(",")).hasSize(DeliveryRecord.MAX_LISTED);
    assertThat(record.cdnRequests()).isEqualTo(12);
  }

  @Test
  void namesTheFailedRenditionsItsNotFoundRequestsAskedFor() {
    DeliveryRecord record =
        of(
            request(1, 404, "/v/asset-7/6000k/seg-00003.m4s"),
            request(2, 404, "/v/asset-7/manifest.mpd"),
            request(3, 200, "/v/asset-7/3000k/seg-00003.m4s"));

    assertThat(record.notFoundRenditions(Set.of("6000k", "3000k"))).containsExactly("6000k");
    assertThat(record.notFoundRenditions(Set.of("1080p"))).isEmpty();
    assertThat(record.notFoundRenditions(Set.of(TranscodeFailures.WHOLE_LADDER)))
        .containsExactly(TranscodeFailures.WHOLE_LADDER);
    assertThat(of(request(1, 200, "/v/asset-7/6000k/s.m4s")).notFoundRenditions(Set.of("6000k")))
        .isEmpty();
  }
}
