package dev.openqoe.drillbench;

import dev.openqoe.pinot.PinotBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One warehouse engine's times for the questions it was asked, each in the engine's dialect, and
 * whether its answers have as many rows as Pinot's (a translation that asks another question shows
 * here).
 *
 * @param timings per question, null where the engine was not asked it
 * @param agrees per question: every query returned as many rows as on Pinot (true where not asked)
 */
record WarehouseRun(String engine, List<Timings> timings, List<Boolean> agrees) {

  /**
   * One untimed query first (the engine's start-up), then {@code runs} timed runs of each question
   * in {@code asked}.
   */
  static WarehouseRun measure(
      WarehouseEngine engine,
      List<QueryShape> shapes,
      Set<QueryShape> asked,
      PinotBroker broker,
      int runs) {
    System.out.printf(
        "asking %s %d of the %d questions on the same rows in Iceberg, %d timed run(s) each...%n",
        engine.name(), asked.size(), shapes.size(), runs);
    QueryShape first = shapes.stream().filter(asked::contains).findFirst().orElseThrow();
    engine.execute(WarehouseQuestion.translate(first.pinotSql().get(0), engine.dialect()));
    List<Timings> timings = new ArrayList<>();
    List<Boolean> agrees = new ArrayList<>();
    int done = 0;
    for (QueryShape shape : shapes) {
      if (!asked.contains(shape)) {
        timings.add(null);
        agrees.add(true);
        continue;
      }
      List<String> sql =
          shape.pinotSql().stream()
              .map(pinot -> WarehouseQuestion.translate(pinot, engine.dialect()))
              .toList();
      List<Integer> rows = new ArrayList<>();
      Timings timing =
          Timings.measure(
              0,
              runs,
              () -> {
                rows.clear();
                sql.forEach(query -> rows.add(engine.execute(query)));
              });
      List<Integer> pinotRows =
          shape.pinotSql().stream().map(query -> broker.query(query).rows().size()).toList();
      timings.add(timing);
      agrees.add(rows.equals(pinotRows));
      System.out.printf(
          "  %s %d/%d: %.0f ms, rows %s (Pinot %s)  %s%n",
          engine.name(),
          ++done,
          asked.size(),
          timing.percentile(50),
          rows,
          pinotRows,
          shape.name());
    }
    return new WarehouseRun(engine.name(), timings, agrees);
  }
}
