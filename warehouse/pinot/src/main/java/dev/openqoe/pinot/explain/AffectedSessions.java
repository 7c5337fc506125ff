package dev.openqoe.pinot.explain;

import dev.openqoe.pinot.drill.DrillMetric;

/**
 * The sessions that make a metric worse: the ones whose delivery records are weighed when a slice
 * is explained. As Pinot SQL on columns that qoe_sessions and qoe_session_delivery share.
 */
final class AffectedSessions {

  /** Slower than the session model's p95 startup target. */
  static final long SLOW_START_MS = 2_000;

  private AffectedSessions() {}

  static String condition(DrillMetric metric) {
    return switch (metric) {
      case VSF -> "startup_outcome = 'vsf'";
      case EBVS -> "startup_outcome = 'ebvs'";
      case VPF -> "vpf = true";
      case RBR -> "rebuffer_count > 0";
      case VST_P95 -> "startup_outcome = 'started' AND vst_ms > " + SLOW_START_MS;
      // Every played session is worth explaining for bitrate: which stage held them low.
      case AVG_BITRATE -> "startup_outcome = 'started'";
    };
  }

  static String description(DrillMetric metric) {
    return switch (metric) {
      case VSF -> "failed starts";
      case EBVS -> "exits before start";
      case VPF -> "playback failures";
      case RBR -> "sessions that stalled";
      case VST_P95 -> "starts slower than " + SLOW_START_MS / 1000 + " s";
      case AVG_BITRATE -> "played sessions";
    };
  }
}
