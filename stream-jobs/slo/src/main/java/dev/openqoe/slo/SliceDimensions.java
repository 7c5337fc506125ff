package dev.openqoe.slo;

import java.util.List;

/**
 * The session dimensions an SLO may filter on ({@code where}) and slice by ({@code by}): columns of
 * the real-time sessions (Pinot's qoe_sessions), those ./qoe drill breaks metrics down by. The
 * property is not among them: every SLO names its own.
 */
public final class SliceDimensions {

  public static final List<String> ALL =
      List.of(
          "cdn",
          "country",
          "region",
          "asn",
          "device_type",
          "os",
          "player_name",
          "player_version",
          "asset_id",
          "stream_type",
          "drm_system");

  /** Stored as numbers, so a filter value must be one. */
  public static final List<String> NUMERIC = List.of("asn");

  private SliceDimensions() {}

  public static boolean isNumeric(String dimension) {
    return NUMERIC.contains(dimension);
  }
}
