package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.SloDefinition;
import java.util.List;

/** Where the per-minute SLI counts come from: Pinot in production ({@link PinotSliSource}). */
public interface SliSource {

  /**
   * The SLO's good and total events per minute and slice (of its {@code by} dimensions; one slice
   * without them), for the minutes in {@code [from, to)}, epoch milliseconds on minute starts.
   * Minutes and slices without events may be left out.
   */
  List<SliCount> counts(SloDefinition slo, long from, long to);
}
