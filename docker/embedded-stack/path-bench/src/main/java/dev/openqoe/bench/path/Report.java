package dev.openqoe.bench.path;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The run's figures: per part the sustained rate and the viewers it stands for, the ceilings. */
final class Report {

  private final double beaconsPerViewerSecond;
  private final double lagLimitSeconds;
  private final Map<Part, RateSearch.Outcome> outcomes = new EnumMap<>(Part.class);
  private double httpCeiling;
  private double kafkaCeiling;
  private double rowCeiling;

  Report(double beaconsPerViewerSecond, double lagLimitSeconds) {
    this.beaconsPerViewerSecond = beaconsPerViewerSecond;
    this.lagLimitSeconds = lagLimitSeconds;
  }

  void add(Part part, RateSearch.Outcome outcome) {
    outcomes.put(part, outcome);
  }

  void httpCeiling(double beaconsPerSecond) {
    httpCeiling = beaconsPerSecond;
  }

  double httpCeiling() {
    return httpCeiling;
  }

  void kafkaCeiling(double beaconsPerSecond) {
    kafkaCeiling = beaconsPerSecond;
  }

  double kafkaCeiling() {
    return kafkaCeiling;
  }

  void rowCeiling(double beaconsPerSecond) {
    rowCeiling = beaconsPerSecond;
  }

  double rowCeiling() {
    return rowCeiling;
  }

  private double ceilingOf(Part part) {
    return switch (part) {
      case WHOLE, COLLECTOR -> httpCeiling;
      case PIPELINE -> kafkaCeiling;
      case PINOT -> rowCeiling;
    };
  }

  void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%-16s %-58s %14s %12s  %s%n",
        "part",
        "path",
        "beacons/s",
        "viewers",
        "what stopped the ramp (first failed step)");
    for (Map.Entry<Part, RateSearch.Outcome> entry : outcomes.entrySet()) {
      Part part = entry.getKey();
      RateSearch.Outcome outcome = entry.getValue();
      StepResult knee = outcome.knee();
      boolean generatorFirst = knee != null && knee.generatorLimited(lagLimitSeconds);
      String at = generatorFirst ? ">= " : "";
      String stopped =
          generatorFirst
              ? String.format(
                  Locale.ROOT,
                  "%,.0f/s: the load generator fell behind (its ceiling in this run: %,.0f"
                      + " beacons/s), the part did not: its limit is above",
                  knee.rate(),
                  ceilingOf(part))
              : knee == null
                  ? "-"
                  : String.format(
                      Locale.ROOT, "%,.0f/s: %s", knee.rate(), knee.verdict(lagLimitSeconds));
      out.printf(
          Locale.ROOT,
          "%-16s %-58s %14s %12s  %s%n",
          part.label,
          part.path,
          outcome.sustained() > 0
              ? at + String.format(Locale.ROOT, "%,.0f", outcome.sustained())
              : "none held",
          outcome.sustained() > 0
              ? at
                  + String.format(
                      Locale.ROOT, "%,.0f", outcome.sustained() / beaconsPerViewerSecond)
              : "-",
          stopped);
      for (StepResult hold : outcome.holds()) {
        out.printf(
            Locale.ROOT,
            "%-16s   hold %,.0f beacons/s for %.0f s: %s%n",
            "",
            hold.rate(),
            hold.seconds(),
            hold.passed(lagLimitSeconds) ? "passed" : hold.verdict(lagLimitSeconds));
      }
    }
    out.printf(
        Locale.ROOT,
        "%nviewers = beacons/s / %.3f beacons per viewer-second (the simulator's sessions: a"
            + " heartbeat every 10 s, protocol v1, and the other events)%n",
        beaconsPerViewerSecond);
    out.printf(
        Locale.ROOT,
        "load generators' own ceilings in this run (the better of its start and its end): HTTP %,.0f beacons/s (bare HTTP 204 server),"
            + " Kafka beacons %,.0f beacons/s, Pinot rows %s beacons/s (idle broker)%n",
        httpCeiling,
        kafkaCeiling,
        rowCeiling > 0 ? String.format(Locale.ROOT, "%,.0f", rowCeiling) : "-");
    Optional<Map.Entry<Part, RateSearch.Outcome>> weakest =
        outcomes.entrySet().stream()
            .filter(entry -> entry.getKey() != Part.WHOLE)
            .min(Comparator.comparingDouble(entry -> entry.getValue().sustained()));
    weakest.ifPresent(
        entry ->
            out.printf(
                Locale.ROOT,
                "weakest part alone: %s (%,.0f beacons/s)%s%n",
                entry.getKey().label,
                entry.getValue().sustained(),
                outcomes.containsKey(Part.WHOLE) && entry.getValue().sustained() > 0
                    ? String.format(
                        Locale.ROOT,
                        "; the whole path sustains %.2f of it",
                        outcomes.get(Part.WHOLE).sustained() / entry.getValue().sustained())
                    : ""));
  }
}
