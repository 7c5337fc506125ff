package dev.openqoe.simulator;

/**
 * The collector's delivery-chain feeds the simulator posts to ({@code /v1/ops/<feed>}, one raw
 * record per request body), with the file each is also written to beside the beacons.
 */
enum DeliveryFeed {
  /** CloudFront standard log lines, each body with its {@code #Version}/{@code #Fields} header. */
  CLOUDFRONT("cloudfront", "text/plain; charset=utf-8", "cloudfront.log"),
  /** The other CDNs' requests in the generic CDN JSON form, NDJSON. */
  CDN("cdn", "application/json", "cdn.jsonl"),
  /** License requests as the DRM license proxy logs them, NDJSON. */
  DRM("drm", "application/json", "drm.jsonl"),
  /** MediaConvert job state changes as EventBridge delivers them, NDJSON. */
  MEDIACONVERT("mediaconvert", "application/json", "mediaconvert.jsonl");

  private final String wireName;
  private final String contentType;
  private final String fileSuffix;

  DeliveryFeed(String wireName, String contentType, String fileSuffix) {
    this.wireName = wireName;
    this.contentType = contentType;
    this.fileSuffix = fileSuffix;
  }

  /** The feed's name in {@code /v1/ops/<feed>} (QoeTopics.OPS_FEEDS). */
  String wireName() {
    return wireName;
  }

  String contentType() {
    return contentType;
  }

  String fileSuffix() {
    return fileSuffix;
  }

  /** What every body (and file) of the feed starts with: CloudFront's header, else nothing. */
  String header() {
    return this == CLOUDFRONT ? CloudFrontLogLines.HEADER : "";
  }
}
