package dev.openqoe.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * CPU time spent during one phase by the three processes that share the machine: this JVM (the
 * collector, the bare server or the raw producer), wrk (counted once it has exited and been waited
 * for, as this JVM's children) and the embedded broker. Read from {@code /proc}, so Linux only;
 * elsewhere the benchmark prints no CPU figures. It tells whether a change made a phase cheaper or
 * only luckier: throughput on a shared two-core machine moves with everything else on it.
 */
final class ProcessCpu {

  /** CPU of one phase per request, in microseconds; {@code sys} parts are kernel time. */
  record PerRequest(double jvm, double jvmSys, double wrk, double broker) {

    /** All three processes together; the broker counts as nothing when there is none to read. */
    double total() {
      return jvm + wrk + (Double.isNaN(broker) ? 0 : broker);
    }

    String format() {
      return String.format(
          Locale.ROOT,
          "%7.1f (%2.0f%% kernel) %7.1f %8s",
          jvm,
          100 * jvmSys / jvm,
          wrk,
          brokerText());
    }

    /** The broker's figure, or "-" when there is no broker to read. */
    String brokerText() {
      return Double.isNaN(broker) ? "-" : String.format(Locale.ROOT, "%.1f", broker);
    }
  }

  private static final Path SELF = Path.of("/proc/self/stat");
  private static final double MICROS_PER_TICK = 1e6 / clockTicksPerSecond();

  private final OptionalLong brokerPid;
  private final long[] selfStart;
  private final long[] brokerStart;

  private ProcessCpu(OptionalLong brokerPid) {
    this.brokerPid = brokerPid;
    this.selfStart = times(SELF);
    this.brokerStart = brokerPid.isPresent() ? times(brokerStat()) : null;
  }

  /** Starts counting, or returns null when {@code /proc} cannot be read. */
  static ProcessCpu start(OptionalLong brokerPid) {
    return Files.isReadable(SELF) ? new ProcessCpu(brokerPid) : null;
  }

  /** The CPU spent since {@link #start}, per request answered. */
  PerRequest perRequest(double requests) {
    long[] self = times(SELF);
    double broker = Double.NaN;
    if (brokerStart != null) {
      long[] now = times(brokerStat());
      broker = (now[0] + now[1] - brokerStart[0] - brokerStart[1]) * MICROS_PER_TICK / requests;
    }
    return new PerRequest(
        (self[0] + self[1] - selfStart[0] - selfStart[1]) * MICROS_PER_TICK / requests,
        (self[1] - selfStart[1]) * MICROS_PER_TICK / requests,
        (self[2] + self[3] - selfStart[2] - selfStart[3]) * MICROS_PER_TICK / requests,
        broker);
  }

  private Path brokerStat() {
    return Path.of("/proc", Long.toString(brokerPid.getAsLong()), "stat");
  }

  /** utime, stime, cutime, cstime (fields 14-17 of proc(5)), in clock ticks. */
  private static long[] times(Path stat) {
    try {
      String line = Files.readString(stat);
      // The command name (field 2) may hold spaces; fields after it start at its closing paren.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return new long[] {
        Long.parseLong(fields[11]),
        Long.parseLong(fields[12]),
        Long.parseLong(fields[13]),
        Long.parseLong(fields[14])
      };
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + stat, e);
    }
  }

  private static long clockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String ticks = new String(getconf.getInputStream().readAllBytes()).trim();
      getconf.waitFor();
      return Long.parseLong(ticks);
    } catch (IOException | NumberFormatException e) {
      return 100; // what Linux uses on every common architecture
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
