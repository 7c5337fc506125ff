package dev.openqoe.drillbench;

import java.util.List;
import java.util.function.Supplier;

/**
 * One shipped question: what Pinot runs for it ({@code ./qoe drill}'s two queries and ranking, or a
 * dashboard panel's query) and the Pinot SQL it sends, which the warehouse engines are asked in
 * their dialect.
 *
 * @param onPinot asks Pinot the question the way the shipped code does; returns rows answered
 */
record QueryShape(String name, Supplier<Integer> onPinot, List<String> pinotSql) {}
