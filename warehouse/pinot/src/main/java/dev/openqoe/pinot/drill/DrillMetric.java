package dev.openqoe.pinot.drill;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A QoE metric as Pinot computes it from qoe_sessions, with the definitions of
 * stream-jobs/session-model/README.md: each metric is over its own population of sessions (its
 * WHERE), and a rate is a sum over that population divided by another, never an average of
 * per-session rates. Unknown values are stored as -1 in Pinot (see the schema), hence the {@code >=
 * 0} and {@code > 0} conditions.
 *
 * <p>Each ratio is sums of columns over a population of star-tree dimensions, so committed segments
 * answer it from the star-tree's pre-aggregates: the 0/1 flags ({@code vsf_flag}, {@code
 * ebvs_flag}, {@code vpf_flag}), {@code bitrate_known} and {@code bitrate_kbps_play_ms} are derived
 * from the session's own columns at ingestion (qoe_sessions' transformConfigs), never a {@code
 * CASE} or a product inside the aggregate, which the star-tree cannot serve. The percentile is
 * exact and reads the rows.
 */
public enum DrillMetric {
  VSF(
      "video start failures (technical) per attempt",
      "attempt = true",
      "SUM(vsf_flag)",
      "COUNT(*)",
      true,
      Unit.PERCENT),
  EBVS(
      "exits before video start per attempt",
      "attempt = true",
      "SUM(ebvs_flag)",
      "COUNT(*)",
      true,
      Unit.PERCENT),
  VPF(
      "video playback failures (technical) per started session",
      "startup_outcome = 'started'",
      "SUM(vpf_flag)",
      "COUNT(*)",
      true,
      Unit.PERCENT),
  RBR(
      "rebuffering ratio: rebuffer time over watch time",
      null,
      "SUM(rebuffer_ms)",
      "SUM(play_ms) + SUM(rebuffer_ms)",
      true,
      Unit.PERCENT),
  VST_P95(
      "95th percentile of video startup time, started sessions",
      "startup_outcome = 'started' AND vst_ms >= 0",
      "PERCENTILE(vst_ms, 95)",
      "COUNT(*)",
      true,
      Unit.MILLISECONDS),
  AVG_BITRATE(
      "average bitrate weighted by play time, sessions with a known bitrate",
      "bitrate_known = true",
      "SUM(bitrate_kbps_play_ms)",
      "SUM(play_ms)",
      false,
      Unit.KBPS);

  /** How a value is shown. */
  public enum Unit {
    PERCENT,
    MILLISECONDS,
    KBPS
  }

  private final String description;
  private final String population;
  private final String numerator;
  private final String denominator;
  private final boolean higherIsWorse;
  private final Unit unit;

  DrillMetric(
      String description,
      String population,
      String numerator,
      String denominator,
      boolean higherIsWorse,
      Unit unit) {
    this.description = description;
    this.population = population;
    this.numerator = numerator;
    this.denominator = denominator;
    this.higherIsWorse = higherIsWorse;
    this.unit = unit;
  }

  /** The name users type: vsf, ebvs, vpf, rbr, vst_p95, avg_bitrate. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }

  /** The sessions the metric is about, as a Pinot SQL condition; null: all sessions. */
  public String population() {
    return population;
  }

  /** The aggregate over the population; for a percentile, the value itself. */
  public String numerator() {
    return numerator;
  }

  /**
   * What the numerator is divided by, and the weight of a group's excess: attempts, started
   * sessions, watch time or play time.
   */
  public String denominator() {
    return denominator;
  }

  /** A percentile is read as it is; the other metrics are numerator over denominator. */
  public boolean isRatio() {
    return this != VST_P95;
  }

  public boolean higherIsWorse() {
    return higherIsWorse;
  }

  public Unit unit() {
    return unit;
  }

  public static DrillMetric of(String id) {
    for (DrillMetric metric : values()) {
      if (metric.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
        return metric;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + id + "'; valid metrics: " + valid());
  }

  public static String valid() {
    return Arrays.stream(values()).map(DrillMetric::id).collect(Collectors.joining(", "));
  }
}
