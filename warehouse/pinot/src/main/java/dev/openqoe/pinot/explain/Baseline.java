package dev.openqoe.pinot.explain;

import dev.openqoe.pinot.drill.TimeRange;

/**
 * The window a metric is compared with, and why that one.
 *
 * @param kind last-week or previous-window
 */
public record Baseline(String kind, TimeRange range, String reason) {

  /** Fewer sessions than this in last week's window: too few to compare with. */
  static final long MIN_LAST_WEEK_SESSIONS = 100;

  static final long WEEK_MILLIS = 7L * 24 * 3_600_000;

  static Baseline lastWeek(TimeRange window, long now, String reason) {
    return new Baseline(BaselineChoice.LAST_WEEK.id(), window.earlierBy(WEEK_MILLIS, now), reason);
  }

  static Baseline previousWindow(TimeRange window, long now, String reason) {
    return new Baseline(BaselineChoice.PREVIOUS_WINDOW.id(), window.previous(now), reason);
  }

  /**
   * What {@code choice} picks, given how many of the metric's sessions Pinot holds in last week's
   * window.
   */
  static Baseline choose(BaselineChoice choice, TimeRange window, long now, long lastWeekSessions) {
    return switch (choice) {
      case LAST_WEEK ->
          lastWeek(window, now, "asked for: the same hours of the week, a week earlier");
      case PREVIOUS_WINDOW ->
          previousWindow(window, now, "asked for: the window of the same length just before");
      case AUTO ->
          lastWeekSessions >= MIN_LAST_WEEK_SESSIONS
              ? lastWeek(
                  window,
                  now,
                  "the same hours of the week, a week earlier: viewing follows a daily and weekly"
                      + " rhythm, so this compares like with like (the window just before would"
                      + " compare an evening with an afternoon)")
              : previousWindow(
                  window,
                  now,
                  "the window of the same length just before: Pinot holds "
                      + lastWeekSessions
                      + " of the metric's sessions for the same hours a week earlier (fewer than "
                      + MIN_LAST_WEEK_SESSIONS
                      + "), so the nearest traffic is the fairest comparison; an incident that"
                      + " began before the window also raises the baseline");
    };
  }
}
