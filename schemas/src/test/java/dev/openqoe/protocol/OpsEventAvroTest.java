package dev.openqoe.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.LicenseRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsRejected;
import dev.openqoe.ops.OpsSource;
import dev.openqoe.ops.PackagingJob;
import org.junit.jupiter.api.Test;

class OpsEventAvroTest {

  @Test
  void roundTripsAnEventOfEachSource() {
    OpsEvent cdn =
        new OpsEvent(
            OpsSource.CDN,
            "cloudfront_standard",
            1_767_225_600_000L,
            "s-1",
            "asset-42",
            new CdnRequest(
                "cloudfront",
                "FRA56-P1",
                "192.0.2.0",
                200,
                5_000L,
                12L,
                85L,
                "hit",
                "/v/1.m4s",
                "v"),
            null,
            null,
            null,
            null);
    OpsEvent job =
        new OpsEvent(
            OpsSource.TRANSCODE,
            "mediaconvert",
            1_767_225_600_001L,
            null,
            "asset-42",
            null,
            new PackagingJob("transcode", "job-1", "error", "1080p", 61_000L),
            null,
            "1010",
            "bad input");
    OpsEvent license =
        new OpsEvent(
            OpsSource.DRM,
            "drm_json",
            1_767_225_600_002L,
            "s-1",
            null,
            null,
            null,
            new LicenseRequest("widevine", "kid-1", "denied", 48L, "eu-west-1"),
            "LICENSE_EXPIRED",
            null);

    for (OpsEvent event : new OpsEvent[] {cdn, job, license}) {
      assertThat(OpsEventAvro.decode(OpsEventAvro.encode(event))).isEqualTo(event);
    }
  }

  @Test
  void roundTripsARejectedRecordCutToItsLimit() {
    OpsRejected rejected =
        new OpsRejected("drm_json", "x".repeat(70_000), "not JSON: unexpected character", 7L);

    assertThat(rejected.raw()).hasSize(OpsRejected.MAX_RAW_LENGTH);
    assertThat(OpsRejectedAvro.decode(OpsRejectedAvro.encode(rejected))).isEqualTo(rejected);
  }

  @Test
  void anEventCarriesThePartOfItsSourceOnly() {
    assertThatThrownBy(
            () ->
                new OpsEvent(
                    OpsSource.DRM,
                    "drm_json",
                    0,
                    null,
                    null,
                    null,
                    new PackagingJob("transcode", "j", "error", null, null),
                    null,
                    null,
                    null))
        .hasMessageContaining("its own part only");
  }
}
