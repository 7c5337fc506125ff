package dev.openqoe.delivery;

import dev.openqoe.ops.OpsEvent;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /**
   * A slice's parts under the column names of the health topic: {@code source} and {@code cdn} and
   * {@code edge}, {@code drm_system} and {@code region}, or {@code content_id} and {@code
   * rendition} ({@code -} parts are null).
   */
  public static Map<String, String> columns(String slice) {
    String[] parts = slice.split("\\|", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a health slice: " + slice);
    }
    String[] names =
        switch (parts[0]) {
          case "cdn" -> new String[] {"cdn", "edge"};
          case "drm" -> new String[] {"drm_system", "region"};
          case "transcode" -> new String[] {"content_id", "rendition"};
          default -> throw new IllegalArgumentException("not a health slice: " + slice);
        };
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("source", parts[0]);
    columns.put(names[0], parts[1].equals("-") ? null : parts[1]);
    columns.put(names[1], parts[2].equals("-") ? null : parts[2]);
    return columns;
  }

  private static String join(String source, String first, String second) {
    return source + "|" + (first == null ? "-" : first) + "|" + (second == null ? "-" : second);
  }
}
