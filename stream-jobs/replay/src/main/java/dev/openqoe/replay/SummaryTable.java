package dev.openqoe.replay;

import dev.openqoe.session.QoeAggregate;
import dev.openqoe.session.StartupTimes;
import java.io.PrintStream;
import java.util.Locale;

/** The aggregate QoE rates of a replay, as an aligned text table. */
final class SummaryTable {

  private SummaryTable() {}

  static void print(
      PrintStream out, QoeAggregate total, StartupTimes startup, ReplayCounts counts) {
    out.println("QoE summary");
    row(
        out,
        "Beacons",
        String.format(Locale.ROOT, "%,d", counts.beacons),
        String.format(
            Locale.ROOT,
            "%,d invalid lines, %,d duplicates, %,d after session end%s",
            counts.invalid,
            counts.duplicates,
            counts.afterSessionEnd,
            counts.trailingReportsNote()));
    row(out, "Sessions", count(total.sessions()), "");
    row(out, "Attempts", count(total.attempts()), "play_request or first_frame seen");
    row(out, "Started", count(total.started()), "first frame shown");
    row(
        out,
        "VST p50",
        millis(startup.count() == 0 ? null : startup.percentile(50)),
        String.format(
            Locale.ROOT, "over %,d started sessions with a play_request", startup.count()));
    row(out, "VST p95", millis(startup.count() == 0 ? null : startup.percentile(95)), "");
    row(
        out,
        "VSF",
        percent(total.vsfRate()),
        of(total.vsf(), total.attempts(), "attempts")
            + "; business: "
            + percent(total.vsfBusinessRate()));
    row(out, "EBVS", percent(total.ebvsRate()), of(total.ebvs(), total.attempts(), "attempts"));
    row(
        out,
        "VPF",
        percent(total.vpfRate()),
        of(total.vpf(), total.started(), "started")
            + "; business: "
            + percent(total.vpfBusinessRate()));
    row(
        out,
        "Rebuffering ratio",
        percent(total.rebufferingRatio()),
        String.format(
            Locale.ROOT,
            "%,d ms rebuffering, %,d ms playing, %,d rebuffers",
            total.rebufferMs(),
            total.playMs(),
            total.rebufferCount()));
    row(
        out,
        "Average bitrate",
        total.avgBitrateKbps() == null
            ? "-"
            : String.format(Locale.ROOT, "%,.0f kbps", total.avgBitrateKbps()),
        "weighted by play time");
  }

  private static void row(PrintStream out, String metric, String value, String detail) {
    out.printf(Locale.ROOT, "  %-18s %14s   %s%n", metric, value, detail);
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String millis(Long value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%,d ms", value);
  }

  private static String percent(Double rate) {
    return rate == null ? "-" : String.format(Locale.ROOT, "%.2f %%", 100 * rate);
  }

  private static String of(long part, long whole, String wholeName) {
    return String.format(Locale.ROOT, "%,d of %,d %s", part, whole, wholeName);
  }
}
