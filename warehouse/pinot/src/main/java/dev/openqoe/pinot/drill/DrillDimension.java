package dev.openqoe.pinot.drill;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The qoe_sessions columns an operator can break a metric down by or filter on: the DWS aggregate
 * dimensions plus region. Names are checked against this list before they reach SQL.
 */
public final class DrillDimension {

  public static final List<String> ALL =
      List.of(
          "cdn",
          "country",
          "region",
          "asn",
          "device_type",
          "os",
          "player_name",
          "player_version",
          "asset_id",
          "stream_type",
          "drm_system",
          "property_id");

  /** Stored as numbers in Pinot, so compared without quotes. */
  private static final List<String> NUMERIC = List.of("asn");

  private DrillDimension() {}

  public static String check(String name) {
    String dimension = name.strip().toLowerCase(Locale.ROOT);
    if (!ALL.contains(dimension)) {
      throw new IllegalArgumentException(
          "unknown dimension '" + name + "'; valid dimensions: " + String.join(", ", ALL));
    }
    return dimension;
  }

  /**
   * Filters with checked dimension names and values, as an unmodifiable map.
   *
   * @param where dimension to the values kept (any of them)
   */
  public static Map<String, List<String>> checkFilters(Map<String, List<String>> where) {
    Map<String, List<String>> checked = new LinkedHashMap<>();
    where.forEach(
        (dimension, values) -> {
          String name = check(dimension);
          values.forEach(value -> literal(name, value));
          checked.put(name, List.copyOf(values));
        });
    return Collections.unmodifiableMap(checked);
  }

  /**
   * One {@code dimension IN (...)} condition per filtered dimension, values as SQL literals.
   *
   * @param where dimension to the values kept (any of them)
   */
  public static List<String> inConditions(Map<String, List<String>> where) {
    List<String> conditions = new ArrayList<>();
    where.forEach(
        (dimension, values) ->
            conditions.add(
                dimension
                    + " IN ("
                    + values.stream()
                        .map(value -> literal(dimension, value))
                        .collect(Collectors.joining(", "))
                    + ")"));
    return conditions;
  }

  /** {@code value} as a SQL literal of {@code dimension}'s column: a number or quoted text. */
  public static String literal(String dimension, String value) {
    if (NUMERIC.contains(dimension)) {
      try {
        return Long.toString(Long.parseLong(value.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            dimension + " is a number, '" + value + "' is not one", e);
      }
    }
    return "'" + value.replace("'", "''") + "'";
  }
}
