package dev.openqoe.drillbench;

import dev.openqoe.pinot.PinotBroker;
import java.util.ArrayList;
import java.util.List;

/**
 * One warehouse engine's times for the questions, each asked in the engine's dialect, and whether
 * its answers have as many rows as Pinot's (a translation that asks another question shows here).
 *
 * @param agrees per question: every query returned as many rows as on Pinot
 */
record WarehouseRun(String engine, List<Timings> timings, List<Boolean> agrees) {

  /** One untimed query first (the engine's start-up), then {@code runs} timed runs per question. */
  static WarehouseRun measure(
      WarehouseEngine engine, List<QueryShape> shapes, PinotBroker broker, int runs) {
    System.out.printf(
        "asking %s the same %d questions on the same rows in Iceberg, %d timed run(s) each...%n",
        engine.name(), shapes.size(), runs);
    engine.execute(WarehouseQuestion.translate(shapes.get(0).pinotSql().get(0), engine.dialect()));
    List<Timings> timings = new ArrayList<>();
    List<Boolean> agrees = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      QueryShape shape = shapes.get(i);
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
          i + 1,
          shapes.size(),
          timing.percentile(50),
          rows,
          pinotRows,
          shape.name());
    }
    return new WarehouseRun(engine.name(), timings, agrees);
  }
}
