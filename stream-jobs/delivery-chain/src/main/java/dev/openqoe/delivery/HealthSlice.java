package dev.openqoe.delivery;

import dev.openqoe.ops.OpsEvent;

/**
 * What a delivery-chain event's health is aggregated by: CDN and edge location, DRM system and
 * region, content and rendition. Events are keyed by it on qoe.ops.events.v1, so the per-minute
 * health aggregates need no repartition.
 */
public final class HealthSlice {

  private HealthSlice() {}

  /**
   * {@code cdn|<cdn>|<edge>}, {@code drm|<system>|<region>}, {@code
   * transcode|<content>|<rendition>}.
   */
  public static String of(OpsEvent event) {
    return switch (event.source()) {
      case CDN -> join("cdn", event.cdnRequest().cdn(), event.cdnRequest().edge());
      case DRM -> join("drm", event.license().drmSystem(), event.license().region());
      case TRANSCODE -> join("transcode", event.contentId(), event.job().rendition());
    };
  }

  private static String join(String source, String first, String second) {
    return source + "|" + (first == null ? "-" : first) + "|" + (second == null ? "-" : second);
  }
}
