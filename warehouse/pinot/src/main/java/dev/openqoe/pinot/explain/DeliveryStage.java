package dev.openqoe.pinot.explain;

import java.util.Locale;

/**
 * A stage of the delivery chain a slice's trouble can come from: how a session's own delivery
 * record ties it to the stage (SQL on qoe_session_delivery: a failed session by its failure_stage,
 * which the failure stage rule decided from its own records and error code; any other by the
 * stage's errors in its own records), which session dimension names the stage's component, and how
 * the stage's health is read from qoe_ops_health.
 */
enum DeliveryStage {
  CDN(
      "cdn",
      "failure_stage = 'cdn' OR (failed = false AND cdn_5xx > 0)",
      "5xx answers in their own CDN requests, or their failure's stage is the CDN",
      "cdn",
      "cdn",
      "edge",
      "status_5xx",
      "requests",
      "5xx",
      0.02),
  DRM(
      "drm",
      "failure_stage = 'drm' OR (failed = false AND license_outcome IN ('denied', 'error'))",
      "a license request denied or failed, or their failure's stage is DRM",
      "drm_system",
      "drm_system",
      "region",
      "license_denials + license_errors",
      "license_requests",
      "licenses denied or failed",
      0.02),
  TRANSCODE(
      "transcode",
      "failure_stage = 'transcode' OR (failed = false AND asset_failed_renditions <> 'null'"
          + " AND cdn_not_found_paths <> 'null')",
      "404s for renditions whose transcode job failed, or their failure's stage is transcode",
      "asset_id",
      "content_id",
      "rendition",
      "job_failures",
      "job_events",
      "jobs failed",
      0.0);

  private final String wireName;
  private final String link;
  private final String linkDescription;
  private final String sessionDimension;
  private final String healthComponent;
  private final String healthPart;
  private final String healthFailures;
  private final String healthTotal;
  private final String failureWord;
  private final double failureRateFloor;

  DeliveryStage(
      String wireName,
      String link,
      String linkDescription,
      String sessionDimension,
      String healthComponent,
      String healthPart,
      String healthFailures,
      String healthTotal,
      String failureWord,
      double failureRateFloor) {
    this.wireName = wireName;
    this.link = link;
    this.linkDescription = linkDescription;
    this.sessionDimension = sessionDimension;
    this.healthComponent = healthComponent;
    this.healthPart = healthPart;
    this.healthFailures = healthFailures;
    this.healthTotal = healthTotal;
    this.failureWord = failureWord;
    this.failureRateFloor = failureRateFloor;
  }

  /** As in failure_stage: cdn, drm, transcode. */
  String wireName() {
    return wireName;
  }

  /** A qoe_session_delivery row whose own records tie it to this stage's errors. */
  String link() {
    return link;
  }

  String linkDescription() {
    return linkDescription;
  }

  /**
   * The qoe_sessions column naming the component a session went through: cdn, drm_system, asset_id.
   */
  String sessionDimension() {
    return sessionDimension;
  }

  /** The qoe_ops_health column naming the same component. */
  String healthComponent() {
    return healthComponent;
  }

  /** The qoe_ops_health column naming a part of it: edge, region, rendition. */
  String healthPart() {
    return healthPart;
  }

  /** The failures of a health row, as a Pinot SQL expression. */
  String healthFailures() {
    return healthFailures;
  }

  String healthTotal() {
    return healthTotal;
  }

  String failureWord() {
    return failureWord;
  }

  /** Below this failure rate the component is healthy whatever its baseline. */
  double failureRateFloor() {
    return failureRateFloor;
  }

  String source() {
    return name().toLowerCase(Locale.ROOT);
  }
}
