package dev.openqoe.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivery-chain health rows as the normaliser writes them to qoe.ops.health.v1, with figures
 * worked out by hand: an hour of minutes before {@code now} in which CloudFront's FRA56-P1 edge
 * fails 20 % of its requests and slows to a 2.5 s p95 over the last {@link #INCIDENT_MINUTES}
 * minutes, and widevine's licence server in eu-west-1 fails 10 of 50 licences a minute over the
 * same minutes. One transcode job of asset-7's 1080p rendition fails.
 */
public final class GeneratedOpsHealth {

  public static final int MINUTES = 60;
  public static final int INCIDENT_MINUTES = 10;
  public static final String FAILING_EDGE = "FRA56-P1";
  public static final String FAILING_DRM_SLICE = "drm|widevine|eu-west-1";

  private GeneratedOpsHealth() {}

  /** The start of the minute {@code minutesAgo} minutes before the one that holds {@code now}. */
  public static long minuteStart(long now, int minutesAgo) {
    return (now / 60_000 - minutesAgo) * 60_000;
  }

  public static List<ObjectNode> rows(long now) {
    List<ObjectNode> rows = new ArrayList<>();
    for (int ago = 1; ago <= MINUTES; ago++) {
      long start = minuteStart(now, ago);
      boolean incident = ago <= INCIDENT_MINUTES;
      rows.add(cdn(start, "cloudfront", FAILING_EDGE, incident ? 20 : 1, incident ? 2500 : 300));
      rows.add(cdn(start, "cloudfront", "LHR62-C2", 0, 250));
      rows.add(cdn(start, "fastly", "AMS", 1, 200));
      rows.add(drm(start, "widevine", "eu-west-1", incident ? 10 : 0, 80));
      rows.add(drm(start, "fairplay", "us-east-1", 0, 120));
    }
    rows.add(transcode(minuteStart(now, 30), "asset-7", "1080p", 3, 1));
    rows.add(transcode(minuteStart(now, 30), "asset-3", "720p", 3, 0));
    return rows;
  }

  /** 100 requests a minute, 2 of them 4xx, 10 cache misses. */
  private static ObjectNode cdn(long start, String cdn, String edge, long status5xx, long p95) {
    ObjectNode row = row(start, "cdn|" + cdn + "|" + edge, "cdn");
    row.put("cdn", cdn).put("edge", edge);
    row.put("requests", 100).put("status_4xx", 2).put("status_5xx", status5xx);
    row.put("cache_misses", 10).put("bytes", 100L * 2_000_000);
    row.put("ttfb_p50_ms", 30).put("ttfb_p95_ms", 90);
    row.put("time_taken_p50_ms", p95 / 3).put("time_taken_p95_ms", p95);
    return row;
  }

  /** 50 licences a minute, one denied. */
  private static ObjectNode drm(long start, String system, String region, long errors, long p95) {
    ObjectNode row = row(start, "drm|" + system + "|" + region, "drm");
    row.put("drm_system", system).put("region", region);
    row.put("license_requests", 50).put("license_denials", 1).put("license_errors", errors);
    row.put("license_latency_p95_ms", p95);
    return row;
  }

  private static ObjectNode transcode(
      long start, String content, String rendition, long events, long failures) {
    ObjectNode row = row(start, "transcode|" + content + "|" + rendition, "transcode");
    row.put("content_id", content).put("rendition", rendition);
    row.put("job_events", events).put("job_failures", failures);
    return row;
  }

  /**
   * A health row of {@code slice} for the minute at {@code start}: no counts, unknown percentiles.
   */
  public static ObjectNode row(long start, String slice, String source) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("window_start", start).put("window_end", start + 60_000);
    row.put("slice", slice).put("source", source);
    for (String column :
        List.of("cdn", "edge", "drm_system", "region", "content_id", "rendition")) {
      row.putNull(column);
    }
    for (String counter :
        List.of(
            "requests",
            "status_4xx",
            "status_5xx",
            "cache_misses",
            "bytes",
            "license_requests",
            "license_denials",
            "license_errors",
            "job_events",
            "job_failures")) {
      row.put(counter, 0);
    }
    for (String percentile :
        List.of(
            "ttfb_p50_ms",
            "ttfb_p95_ms",
            "time_taken_p50_ms",
            "time_taken_p95_ms",
            "license_latency_p95_ms")) {
      row.set(percentile, JsonNodeFactory.instance.nullNode());
    }
    return row;
  }

  /** The slice of a row, its key on the health topic. */
  public static String key(JsonNode row) {
    return row.get("slice").asText();
  }
}
