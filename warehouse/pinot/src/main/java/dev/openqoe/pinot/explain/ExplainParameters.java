package dev.openqoe.pinot.explain;

import dev.openqoe.cli.DurationConverter;
import dev.openqoe.pinot.drill.DrillApi;
import dev.openqoe.pinot.drill.DrillDimension;
import dev.openqoe.pinot.drill.DrillMetric;
import dev.openqoe.pinot.drill.DrillRequest;
import java.util.List;
import java.util.Map;

/** Reads an {@link ExplainRequest} from the query parameters of {@code GET /explain}. */
public final class ExplainParameters {

  private ExplainParameters() {}

  public static ExplainRequest request(Map<String, List<String>> parameters) {
    String metric = DrillApi.single(parameters, "metric");
    if (metric == null) {
      throw new IllegalArgumentException(
          "metric is required, e.g. /explain?metric=vsf&since=30m; metrics: "
              + DrillMetric.valid()
              + "; filter dimensions: "
              + String.join(", ", DrillDimension.ALL));
    }
    String since = DrillApi.single(parameters, "since");
    String slices = DrillApi.single(parameters, "slices");
    String baseline = DrillApi.single(parameters, "baseline");
    return new ExplainRequest(
        DrillMetric.of(metric),
        DrillRequest.parseWhere(parameters.getOrDefault("where", List.of())),
        since == null ? ExplainRequest.DEFAULT_SINCE : new DurationConverter().convert(since),
        slices == null ? ExplainRequest.DEFAULT_SLICES : whole("slices", slices),
        baseline == null ? BaselineChoice.AUTO : BaselineChoice.of(baseline));
  }

  private static int whole(String name, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'", e);
    }
  }
}
