package dev.openqoe.slo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One combination of values of an SLO's {@code by} dimensions, e.g. cdn=fastly and country=BR: each
 * slice of an SLO has alerts of its own. An SLO without {@code by} has one slice, {@link #WHOLE}.
 *
 * @param values dimension to value, in the order of the SLO's {@code by}
 */
public record Slice(Map<String, String> values) {

  public static final Slice WHOLE = new Slice(Map.of());

  public Slice {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** {@code cdn=fastly,country=BR}; empty for the whole SLO. */
  public String text() {
    return values.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining(","));
  }

  /**
   * Reads {@link #text()} back; a value may hold commas, as a value ends only where a comma is
   * followed by a dimension's name and '=' ({@link SliceDimensions}).
   *
   * @throws IllegalArgumentException when the text is not a slice's
   */
  public static Slice parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    String rest = text;
    while (!rest.isEmpty()) {
      int eq = rest.indexOf('=');
      String dimension = eq < 0 ? rest : rest.substring(0, eq);
      if (!SliceDimensions.ALL.contains(dimension)) {
        throw new IllegalArgumentException("not a slice: " + text);
      }
      rest = rest.substring(eq + 1);
      int end = nextDimension(rest);
      values.put(dimension, rest.substring(0, end));
      rest = end < rest.length() ? rest.substring(end + 1) : "";
    }
    return new Slice(values);
  }

  /** Where the value at the start of {@code text} ends: at ",dimension=" or at the end. */
  private static int nextDimension(String text) {
    int end = text.length();
    for (String dimension : SliceDimensions.ALL) {
      int at = text.indexOf("," + dimension + "=");
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return end;
  }

  /** Its dimensions, in order. */
  public List<String> dimensions() {
    return List.copyOf(values.keySet());
  }

  public boolean isWhole() {
    return values.isEmpty();
  }

  @Override
  public String toString() {
    return text();
  }
}
