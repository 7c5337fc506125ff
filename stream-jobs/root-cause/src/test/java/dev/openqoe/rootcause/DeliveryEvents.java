package dev.openqoe.rootcause;

import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.LicenseRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.PackagingJob;

/** Delivery-chain events of one test session, as the normaliser's readers make them. */
final class DeliveryEvents {

  static final String SESSION = "s-1";

  private DeliveryEvents() {}

  static OpsEvent request(long ts, int status, String uri) {
    return request(ts, status, uri, "hit", 20L, "GRU3-C1");
  }

  static OpsEvent request(long ts, int status, String uri, String cache, Long ttfb, String edge) {
    return OpsEvent.cdn(
        "cloudfront_standard",
        ts,
        SESSION,
        "asset-7",
        new CdnRequest("cloudfront", edge, "10.0.0.0", status, 1000L, ttfb, 40L, cache, uri, "v"),
        null);
  }

  static OpsEvent license(long ts, String outcome, String errorCode, long latency) {
    return OpsEvent.license(
        "drm_json",
        ts,
        SESSION,
        "asset-7",
        new LicenseRequest("widevine", "kid", outcome, latency, "sa-east"),
        errorCode,
        null);
  }

  static PackagingJob job(String status, String rendition) {
    return new PackagingJob("transcode", "job-1", status, rendition, 1000L);
  }

  static DeliveryRecord of(OpsEvent... events) {
    DeliveryRecord record = DeliveryRecord.EMPTY;
    for (OpsEvent event : events) {
      record = record.plus(event);
    }
    return record;
  }
}
