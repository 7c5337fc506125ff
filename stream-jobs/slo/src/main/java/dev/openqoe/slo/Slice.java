package dev.openqoe.slo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
   * Reads {@link #text()} back for an SLO sliced {@code by} those dimensions (a value may hold
   * commas: the next dimension's name tells where it ends); empty when the text is not a slice of
   * those dimensions, e.g. the SLO's {@code by} changed since the text was written.
   */
  public static Optional<Slice> parse(String text, List<String> by) {
    Map<String, String> values = new LinkedHashMap<>();
    String rest = text;
    for (int i = 0; i < by.size(); i++) {
      String prefix = (i == 0 ? "" : ",") + by.get(i) + "=";
      if (!rest.startsWith(prefix)) {
        return Optional.empty();
      }
      rest = rest.substring(prefix.length());
      int end = i + 1 < by.size() ? rest.indexOf("," + by.get(i + 1) + "=") : rest.length();
      if (end < 0) {
        return Optional.empty();
      }
      values.put(by.get(i), rest.substring(0, end));
      rest = rest.substring(end);
    }
    return rest.isEmpty() ? Optional.of(new Slice(values)) : Optional.empty();
  }

  public boolean isWhole() {
    return values.isEmpty();
  }

  @Override
  public String toString() {
    return text();
  }
}
