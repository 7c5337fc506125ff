package dev.openqoe.pinot.drill;

import java.util.Map;

/**
 * A metric over one group of sessions.
 *
 * @param dimensions the group's dimension values; empty for all matching sessions
 * @param value the metric; null when the group has no population or no denominator
 * @param sessions the sessions of the metric's population in the group
 * @param weight the metric's denominator: what a group's excess is weighted by
 */
public record SliceMeasure(
    Map<String, String> dimensions, Double value, long sessions, double weight) {}
