package dev.openqoe.replay;

import java.util.Locale;

/** What a replay did with its input, line by line. */
final class ReplayCounts {
  long lines;
  long blankLines;
  long invalid;
  long beacons;
  long duplicates;
  long afterSessionEnd;

  /** CMCD reports players send after their ending state: expected, not refused. */
  long trailingReports;

  long sessions;

  /** The trailing CMCD reports, for the lines that tell them; empty when there were none. */
  String trailingReportsNote() {
    return trailingReports == 0
        ? ""
        : String.format(Locale.ROOT, ", %,d CMCD reports after the end", trailingReports);
  }
}
