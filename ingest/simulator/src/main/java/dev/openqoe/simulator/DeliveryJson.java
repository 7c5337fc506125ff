package dev.openqoe.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The JSON forms of the delivery chain, one object per record: a CDN request in the generic CDN
 * JSON form (format {@code cdn_json}), a license request as the DRM license proxy logs it ({@code
 * drm_json}), a MediaConvert job state change as EventBridge delivers it.
 */
final class DeliveryJson {

  static final String ACCOUNT = "111122223333";
  static final String AWS_REGION = "us-east-1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DeliveryJson() {}

  static String cdnRequest(MediaRequest r) {
    ObjectNode json = JSON.createObjectNode();
    json.put("time", Instant.ofEpochMilli(r.endTs()).toString());
    json.put("cdn", r.cdn());
    json.put("edge", r.edge());
    json.put("status", r.status());
    json.put("uri", r.uri());
    if (r.query() != null) {
      json.put("query", r.query());
    }
    json.put("client_ip", r.clientAddress());
    json.put("method", "GET");
    json.put("host", DeliveryScript.HOST);
    json.put("bytes", r.bytes());
    json.put("ttfb_ms", r.ttfbMs());
    json.put("time_taken_ms", r.timeTakenMs());
    json.put(
        "cache", r.cacheResult().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
    json.put("request_id", r.requestId());
    if (r.errorDetail() != null) {
      json.put("error_code", r.errorDetail());
    }
    return json.toString();
  }

  static String licenseRequest(LicenseRequest r) {
    ObjectNode json = JSON.createObjectNode();
    json.put("time", Instant.ofEpochMilli(r.ts()).toString());
    json.put("drm_system", r.drmSystem());
    json.put("outcome", r.outcome());
    json.put("content_id", r.contentId());
    json.put("key_id", r.keyId());
    json.put("session_id", r.sessionId());
    json.put("error_code", r.errorCode());
    json.put("error_message", r.errorMessage());
    json.put("latency_ms", r.latencyMs());
    json.put("region", r.region());
    json.put("request_id", r.requestId());
    return json.toString();
  }

  static String jobStateChange(JobStateChange e) {
    ObjectNode json = JSON.createObjectNode();
    json.put("version", "0");
    json.put("id", e.eventId());
    json.put("detail-type", "MediaConvert Job State Change");
    json.put("source", "aws.mediaconvert");
    json.put("account", ACCOUNT);
    json.put("time", Instant.ofEpochMilli(e.ts()).truncatedTo(ChronoUnit.SECONDS).toString());
    json.put("region", AWS_REGION);
    json.putArray("resources")
        .add("arn:aws:mediaconvert:" + AWS_REGION + ":" + ACCOUNT + ":jobs/" + e.jobId());
    ObjectNode detail = json.putObject("detail");
    detail.put("timestamp", e.ts());
    detail.put("accountId", ACCOUNT);
    detail.put("queue", "arn:aws:mediaconvert:" + AWS_REGION + ":" + ACCOUNT + ":queues/Default");
    detail.put("jobId", e.jobId());
    detail.put("status", e.status());
    if (e.errorCode() != null) {
      detail.put("errorCode", e.errorCode());
      detail.put("errorMessage", e.errorMessage());
    }
    detail.putObject("userMetadata").put("content_id", e.assetId()).put("rendition", e.rendition());
    return json.toString();
  }
}
