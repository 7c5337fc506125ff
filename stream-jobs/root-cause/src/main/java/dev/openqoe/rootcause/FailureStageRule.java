package dev.openqoe.rootcause;

import java.util.Set;

/**
 * Decides the stage a failed session is attributed to, from what is linked to it in the delivery
 * chain, its fatal error code and its asset's failed transcode jobs. The rule, in order, is written
 * down in the session model's README (stream-jobs/session-model/README.md, "Failure stage"):
 *
 * <ol>
 *   <li>a linked license request denied or failed, or a license error code: {@code drm};
 *   <li>a linked request answered 404 for a rendition whose transcode job failed: {@code
 *       transcode}; missing media (a not-found code) with no linked CDN request while the asset has
 *       failed renditions: {@code transcode}; otherwise missing media: {@code cdn};
 *   <li>a decode, unsupported-source or internal player error: {@code player};
 *   <li>a linked CDN request answered 5xx: {@code cdn};
 *   <li>linked CDN requests, none answered 5xx: {@code player} (the chain served it);
 *   <li>nothing linked: {@code unknown}.
 * </ol>
 */
public final class FailureStageRule {

  private FailureStageRule() {}

  /**
   * @param failedRenditions the failed renditions of the session's asset (see {@link
   *     TranscodeFailures})
   * @return the attribution, or null when the session did not fail
   */
  public static FailureAttribution decide(
      SessionOutcome session, DeliveryRecord delivery, Set<String> failedRenditions) {
    if (!session.failed()) {
      return null;
    }
    String code = session.fatalErrorCode();
    String said = code == null ? "no fatal error code" : "fatal error " + code;
    FatalErrorClass errorClass = FatalErrorClass.of(code);
    if (delivery.licenseFailed()) {
      return linked(
          FailureStage.DRM,
          "its license request was %s%s by %s in %s (%s ms); %s",
          delivery.licenseOutcome(),
          delivery.licenseErrorCode() == null ? "" : " (" + delivery.licenseErrorCode() + ")",
          delivery.drmSystem(),
          delivery.drmRegion(),
          delivery.worstLicenseLatencyMs(),
          said);
    }
    if (errorClass == FatalErrorClass.LICENSE) {
      return unlinked(
          FailureStage.DRM, "%s is a license failure; no license request is linked", said);
    }
    boolean mediaError =
        errorClass == FatalErrorClass.MISSING_MEDIA || errorClass == FatalErrorClass.OTHER;
    Set<String> missing = delivery.notFoundRenditions(failedRenditions);
    if (mediaError && !missing.isEmpty()) {
      return linked(
          FailureStage.TRANSCODE,
          "the CDN answered 404 for rendition %s of %s, whose transcode job failed; %s",
          String.join(", ", missing),
          session.assetId(),
          said);
    }
    if (errorClass == FatalErrorClass.MISSING_MEDIA) {
      if (delivery.cdnRequests() == 0 && !failedRenditions.isEmpty()) {
        return unlinked(
            FailureStage.TRANSCODE,
            "%s, no CDN request is linked, and %s has failed transcode jobs for %s",
            said,
            session.assetId(),
            String.join(", ", failedRenditions));
      }
      return delivery.cdn4xx() > 0
          ? linked(
              FailureStage.CDN,
              "the CDN answered %d of its %d requests 4xx (%s) and no transcode job of %s failed; %s",
              delivery.cdn4xx(),
              delivery.cdnRequests(),
              delivery.notFoundPaths().isEmpty() ? "not 404" : delivery.notFoundPaths(),
              session.assetId(),
              said)
          : unlinked(
              FailureStage.CDN,
              "%s says media was missing and no transcode job of %s failed",
              said,
              session.assetId());
    }
    if (errorClass == FatalErrorClass.PLAYER) {
      return unlinked(
          FailureStage.PLAYER,
          "%s is the player's own (decode, unsupported source or internal)%s",
          said,
          delivery.linked() ? "; " + servedSummary(delivery) : "");
    }
    if (delivery.cdn5xx() > 0) {
      return linked(
          FailureStage.CDN,
          "the CDN answered %d of its %d requests 5xx (edge %s, worst time to first byte %d ms); %s",
          delivery.cdn5xx(),
          delivery.cdnRequests(),
          delivery.edges(),
          delivery.worstTtfbMs(),
          said);
    }
    if (delivery.cdnRequests() > 0) {
      return linked(FailureStage.PLAYER, "%s; %s", said, servedSummary(delivery));
    }
    return unlinked(
        FailureStage.UNKNOWN,
        "%s names no stage and no CDN request of the session is linked (its player sent no CMCD)",
        said);
  }

  private static String servedSummary(DeliveryRecord delivery) {
    String cdn =
        delivery.cdnRequests() == 0
            ? "no CDN request is linked"
            : String.format(
                "the CDN served its %d requests without a server error", delivery.cdnRequests());
    return delivery.licenseRequests() == 0 ? cdn : cdn + " and its license was granted";
  }

  private static FailureAttribution linked(FailureStage stage, String format, Object... args) {
    return new FailureAttribution(stage, String.format(format, args), true);
  }

  private static FailureAttribution unlinked(FailureStage stage, String format, Object... args) {
    return new FailureAttribution(stage, String.format(format, args), false);
  }
}
