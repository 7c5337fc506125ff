package dev.openqoe.ops;

import java.util.Objects;

/**
 * One event of the delivery chain in canonical form (Avro {@code ops_event}): exactly one of {@code
 * cdnRequest}, {@code job} and {@code license} is set, the one of its {@code source}.
 *
 * @param format the input format it was read from (cloudfront_standard, mediaconvert, drm_json...)
 * @param eventTime when it happened by the source's clock, epoch milliseconds
 * @param sessionId the player session it belongs to, when the source tells it (CMCD sid of a CDN
 *     request, a session a DRM proxy forwarded)
 * @param contentId the asset, when the source tells it
 */
public record OpsEvent(
    OpsSource source,
    String format,
    long eventTime,
    String sessionId,
    String contentId,
    CdnRequest cdnRequest,
    PackagingJob job,
    LicenseRequest license,
    String errorCode,
    String errorMessage) {

  /** A CDN request, as a CDN's access log tells it. */
  public static OpsEvent cdn(
      String format,
      long eventTime,
      String sessionId,
      String contentId,
      CdnRequest request,
      String errorCode) {
    return new OpsEvent(
        OpsSource.CDN,
        format,
        eventTime,
        sessionId,
        contentId,
        request,
        null,
        null,
        errorCode,
        null);
  }

  /** A transcode or packaging job's state change. */
  public static OpsEvent job(
      String format,
      long eventTime,
      String contentId,
      PackagingJob job,
      String errorCode,
      String errorMessage) {
    return new OpsEvent(
        OpsSource.TRANSCODE,
        format,
        eventTime,
        null,
        contentId,
        null,
        job,
        null,
        errorCode,
        errorMessage);
  }

  /** A DRM license request, as a license server or proxy logs it. */
  public static OpsEvent license(
      String format,
      long eventTime,
      String sessionId,
      String contentId,
      LicenseRequest license,
      String errorCode,
      String errorMessage) {
    return new OpsEvent(
        OpsSource.DRM,
        format,
        eventTime,
        sessionId,
        contentId,
        null,
        null,
        license,
        errorCode,
        errorMessage);
  }

  public OpsEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    boolean matches =
        switch (source) {
          case CDN -> cdnRequest != null && job == null && license == null;
          case TRANSCODE -> job != null && cdnRequest == null && license == null;
          case DRM -> license != null && cdnRequest == null && job == null;
        };
    if (!matches) {
      throw new IllegalArgumentException(
          "a " + source.wireName() + " event carries its own part only");
    }
  }
}
