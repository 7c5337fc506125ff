package dev.openqoe.pinot.explain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which window a metric is compared with. */
public enum BaselineChoice {
  /**
   * The same hour of the week a week earlier when Pinot holds enough of it, else the previous
   * window.
   */
  AUTO,
  LAST_WEEK,
  PREVIOUS_WINDOW;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static BaselineChoice of(String id) {
    for (BaselineChoice choice : values()) {
      if (choice.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
        return choice;
      }
    }
    throw new IllegalArgumentException(
        "unknown baseline '"
            + id
            + "'; valid: "
            + Arrays.stream(values()).map(BaselineChoice::id).collect(Collectors.joining(", ")));
  }
}
