package dev.openqoe.pinot.explain;

import java.util.List;
import java.util.Map;

/**
 * The answer to {@code qoe explain}, as printed and served as JSON.
 *
 * @param value the metric over the sessions asked about, in the window; null when there were none
 * @param affected what the affected sessions are for this metric (failed starts, stalled ...)
 * @param slices the slices holding the most excess, each with its stages ranked
 * @param elapsedMillis how long the answer took, all Pinot queries included
 */
public record Explanation(
    String metric,
    String description,
    Map<String, List<String>> where,
    long fromMillis,
    Double value,
    long sessions,
    BaselineValue baseline,
    String affected,
    List<SliceExplanation> slices,
    long elapsedMillis) {

  /** The baseline window, why it was chosen, and the metric in it. */
  public record BaselineValue(
      String kind, long fromMillis, long toMillis, String reason, Double value, long sessions) {}

  /**
   * One slice and what explains it.
   *
   * @param sameSessions other dimensions' values that hold exactly the slice's sessions, so the
   *     data cannot tell them from it (a player version that only one OS has)
   * @param share its excess over the sum of the positive excesses of its first dimension
   * @param affected its affected sessions
   * @param verdict the stage that accounts for its excess: cdn, drm, transcode, or unknown
   * @param stages every stage, the best explanation first
   */
  public record SliceExplanation(
      Map<String, String> dimensions,
      Map<String, String> sameSessions,
      Double value,
      Double baselineValue,
      long sessions,
      double excess,
      double share,
      long affected,
      String verdict,
      String sentence,
      List<StageCandidate> stages) {}
}
