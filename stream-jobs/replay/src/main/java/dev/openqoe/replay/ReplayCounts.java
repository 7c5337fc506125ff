package dev.openqoe.replay;

/** What a replay did with its input, line by line. */
final class ReplayCounts {
  long lines;
  long blankLines;
  long invalid;
  long beacons;
  long duplicates;
  long afterSessionEnd;
  long sessions;
}
