package dev.openqoe.pinot.explain;

import dev.openqoe.pinot.drill.Drill;
import dev.openqoe.pinot.drill.DrillMetric;
import dev.openqoe.pinot.drill.DrillSql;
import dev.openqoe.pinot.drill.SliceMeasure;
import dev.openqoe.pinot.drill.TimeRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The breakdowns of one question on Pinot, each asked once, those prefetched side by side. For a
 * metric that adds up over sessions, the dimensions with few values come from one GROUP BY over all
 * of them (the cube: a few thousand rows for an hour of a large service), summed here for any slice
 * of them; the dimensions with many values (region, ASN, asset) take a drill-down query each. So a
 * breakdown within a slice costs at most four queries instead of one per dimension. A cube that
 * reaches Pinot's group limit is not trusted: the breakdowns then query each dimension.
 */
final class PinotBreakdown implements SliceFinder.Breakdown {

  static final List<String> CUBE =
      List.of(
          "property_id",
          "cdn",
          "country",
          "device_type",
          "os",
          "player_name",
          "player_version",
          "stream_type",
          "drm_system");

  private final Drill drill;
  private final DrillMetric metric;
  private final Map<String, List<String>> where;
  private final TimeRange window;
  private final ExecutorService queries;
  private final Function<Future<List<SliceMeasure>>, List<SliceMeasure>> await;
  private final Map<String, Future<List<SliceMeasure>>> asked = new ConcurrentHashMap<>();

  PinotBreakdown(
      Drill drill,
      DrillMetric metric,
      Map<String, List<String>> where,
      TimeRange window,
      ExecutorService queries,
      Function<Future<List<SliceMeasure>>, List<SliceMeasure>> await) {
    this.drill = drill;
    this.metric = metric;
    this.where = where;
    this.window = window;
    this.queries = queries;
    this.await = await;
  }

  @Override
  public Map<String, List<SliceMeasure>> by(List<String> dimensions, Map<String, String> within) {
    prefetch(dimensions, List.of(within));
    List<SliceMeasure> cube = metric.isRatio() ? await.apply(cube(within)) : null;
    boolean cubeHolds = cube != null && cube.size() < DrillSql.MAX_GROUPS;
    Map<String, List<SliceMeasure>> groups = new LinkedHashMap<>();
    for (String dimension : dimensions) {
      groups.put(
          dimension,
          cubeHolds && CUBE.contains(dimension)
              ? sum(cube, dimension, within)
              : await.apply(ask(dimension, within)));
    }
    return groups;
  }

  @Override
  public void prefetch(List<String> dimensions, List<Map<String, String>> withins) {
    for (Map<String, String> within : withins) {
      if (metric.isRatio()) {
        cube(within);
      }
      for (String dimension : dimensions) {
        if (!within.containsKey(dimension) && !(metric.isRatio() && CUBE.contains(dimension))) {
          ask(dimension, within);
        }
      }
    }
  }

  /** The cube within the slice's values of the dimensions outside it; the others are summed. */
  private Future<List<SliceMeasure>> cube(Map<String, String> within) {
    Map<String, String> outside = new LinkedHashMap<>(within);
    outside.keySet().removeAll(CUBE);
    Map<String, List<String>> filters = filters(outside);
    return asked.computeIfAbsent(
        "cube " + filters,
        key -> queries.submit(() -> drill.measureBy(metric, CUBE, filters, window)));
  }

  private Future<List<SliceMeasure>> ask(String dimension, Map<String, String> within) {
    Map<String, List<String>> filters = filters(within);
    return asked.computeIfAbsent(
        dimension + " " + filters,
        key -> queries.submit(() -> drill.measureBy(metric, List.of(dimension), filters, window)));
  }

  private Map<String, List<String>> filters(Map<String, String> within) {
    Map<String, List<String>> filters = new LinkedHashMap<>(where);
    within.forEach((name, value) -> filters.put(name, List.of(value)));
    return filters;
  }

  /** The cube's cells inside the slice's values of cube dimensions, summed per value. */
  private static List<SliceMeasure> sum(
      List<SliceMeasure> cube, String dimension, Map<String, String> within) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (SliceMeasure cell : cube) {
      boolean inside =
          within.entrySet().stream()
              .filter(entry -> CUBE.contains(entry.getKey()))
              .allMatch(entry -> entry.getValue().equals(cell.dimensions().get(entry.getKey())));
      if (inside) {
        double[] sum = sums.computeIfAbsent(cell.dimensions().get(dimension), v -> new double[3]);
        sum[0] += cell.value() == null ? 0 : cell.value() * cell.weight();
        sum[1] += cell.weight();
        sum[2] += cell.sessions();
      }
    }
    return sums.entrySet().stream()
        .map(
            entry -> {
              double[] sum = entry.getValue();
              return new SliceMeasure(
                  Map.of(dimension, entry.getKey()),
                  sum[1] == 0 ? null : sum[0] / sum[1],
                  (long) sum[2],
                  sum[1]);
            })
        .toList();
  }
}
