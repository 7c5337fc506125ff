package dev.openqoe.jobs;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The days a backfill recomputes, {@code from} to {@code to} inclusive, in UTC (the warehouse's
 * partitions are UTC days and hours), and the edge rule that decides which sessions it recomputes.
 *
 * <p>Edge rule: a session is recomputed only when its whole life lies inside the range: its start
 * ({@code started_at}), its end ({@code ended_at}) and the moment the pipeline closed it ({@code
 * closed_at}, which decides its DWS window), both as the warehouse holds it and as recomputed. A
 * session that straddles either edge keeps the rows the pipeline wrote, in every table, so a
 * backfill never leaves one session counted twice or not at all.
 */
record BackfillRange(LocalDate from, LocalDate to) {

  BackfillRange {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
  }

  /**
   * The range of two dates as a user writes them, {@code 2026-12-01}; a reason when they are not.
   */
  static BackfillRange parse(String from, String to) {
    return new BackfillRange(date("--from", from), date("--to", to));
  }

  private static LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " '" + text + "' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-01");
    }
  }

  /** The first instant of the range, epoch milliseconds. */
  long startMillis() {
    return from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** The first instant after the range, epoch milliseconds. */
  long endMillis() {
    return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  boolean contains(long epochMillis) {
    return epochMillis >= startMillis() && epochMillis < endMillis();
  }

  /** Where reading raw beacons starts: {@code margin} before the range. */
  long readFromMillis(Duration margin) {
    return startMillis() - margin.toMillis();
  }

  /** Where reading raw beacons ends (exclusive): {@code margin} after the range. */
  long readToMillis(Duration margin) {
    return endMillis() + margin.toMillis();
  }

  /** The edge rule for one version of a session: started, ended and closed inside the range. */
  boolean holdsWholly(long startedAt, long endedAt, long closedAt) {
    return contains(startedAt) && contains(endedAt) && contains(closedAt);
  }

  @Override
  public String toString() {
    return from + " to " + to + " (UTC)";
  }
}
