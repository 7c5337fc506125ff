package dev.openqoe.pinot.explain;

import dev.openqoe.pinot.drill.DrillMetric;
import dev.openqoe.pinot.drill.DrillTable;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints an {@link Explanation} for a terminal: the verdict per slice, then its evidence. */
public final class ExplainText {

  private ExplainText() {}

  public static void print(Explanation explanation, DrillMetric metric, PrintWriter out) {
    out.printf(
        "%s (%s), sessions that ended since %s%s%n",
        explanation.metric(),
        explanation.description(),
        Instant.ofEpochMilli(explanation.fromMillis()),
        explanation.where().isEmpty() ? "" : ", where " + explanation.where());
    Explanation.BaselineValue baseline = explanation.baseline();
    out.printf(
        "now %s over %d sessions; baseline %s over %d sessions (%s, %s .. %s: %s)%n",
        DrillTable.format(metric, explanation.value()),
        explanation.sessions(),
        DrillTable.format(metric, baseline.value()),
        baseline.sessions(),
        baseline.kind(),
        Instant.ofEpochMilli(baseline.fromMillis()),
        Instant.ofEpochMilli(baseline.toMillis()),
        baseline.reason());
    if (explanation.slices().isEmpty()) {
      out.println(
          explanation.sessions() == 0
              ? "no sessions in this range"
              : "no slice is worse than the whole: nothing to explain");
    }
    int rank = 1;
    for (Explanation.SliceExplanation slice : explanation.slices()) {
      out.printf(
          "%n%d. %s%s: %s (baseline %s) over %d sessions, %s of the excess, %d %s%n",
          rank++,
          describe(slice.dimensions()),
          slice.sameSessions().isEmpty()
              ? ""
              : " (the same sessions as " + describe(slice.sameSessions()) + ")",
          DrillTable.format(metric, slice.value()),
          DrillTable.format(metric, slice.baselineValue()),
          slice.sessions(),
          StageRanking.percent(slice.share()),
          slice.affected(),
          explanation.affected());
      out.printf("   verdict: %s: %s%n", slice.verdict(), slice.sentence());
      for (StageCandidate stage : slice.stages()) {
        out.printf(
            Locale.ROOT,
            "   - %-9s accounts for %5s: %s%n",
            stage.stage(),
            StageRanking.percent(stage.explained()),
            stage.sentence());
      }
    }
    out.printf("(answered in %d ms)%n", explanation.elapsedMillis());
  }

  static String describe(Map<String, String> dimensions) {
    return dimensions.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining(", "));
  }
}
