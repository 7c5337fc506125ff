package dev.openqoe.pinot.explain;

/**
 * One component's health in the window and in the baseline, from qoe_ops_health: a CDN, a DRM
 * system, or an asset's transcode jobs.
 *
 * @param worstPart its part with the highest failure rate (edge, region, rendition), or null when
 *     nothing failed
 * @param baselineTotal 0 when the baseline has no records of it
 */
public record ComponentHealth(
    String component,
    long failures,
    long total,
    String worstPart,
    double worstPartRate,
    long baselineFailures,
    long baselineTotal) {

  /** How many times the baseline's failure rate counts as degraded. */
  static final double DEGRADED_RATIO = 2.0;

  public double failureRate() {
    return total == 0 ? 0 : (double) failures / total;
  }

  /** Null when the baseline has no records of the component. */
  public Double baselineFailureRate() {
    return baselineTotal == 0 ? null : (double) baselineFailures / baselineTotal;
  }

  /**
   * Failing in the window above {@code floor} and at least {@link #DEGRADED_RATIO} times its
   * baseline rate (any rate above the floor when it has no baseline).
   */
  public boolean degraded(double floor) {
    if (failures == 0 || failureRate() < floor) {
      return false;
    }
    Double baseline = baselineFailureRate();
    return baseline == null || failureRate() >= DEGRADED_RATIO * baseline;
  }
}
