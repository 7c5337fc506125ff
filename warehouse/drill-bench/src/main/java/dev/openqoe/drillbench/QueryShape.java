package dev.openqoe.drillbench;

import java.util.List;
import java.util.function.Supplier;

/**
 * One shipped question: what Pinot runs for it ({@code ./qoe drill}'s two queries and ranking, or a
 * dashboard panel's query) and the Pinot SQL it sends, which the warehouse engines are asked in
 * their dialect.
 *
 * @param onPinot asks Pinot the question the way the shipped code does; returns rows answered
 * @param family the questions that differ only in what a warehouse engine does not care about (the
 *     metric's sums, a panel's column): the warehouse engines are asked one question per family
 *     unless told to ask all
 */
record QueryShape(String name, String family, Supplier<Integer> onPinot, List<String> pinotSql) {

  /** The first question of each family, in order. */
  static List<QueryShape> onePerFamily(List<QueryShape> shapes) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    return shapes.stream().filter(shape -> seen.add(shape.family())).toList();
  }
}
