package dev.openqoe.bench.path;

/**
 * An open-loop load generator: it sends at the rate it is set to whatever the part under test
 * answers, and what it could not send in time is its backlog (the part, or the generator itself,
 * fell behind).
 */
interface Load extends AutoCloseable {

  /** Beacons per second from now on; 0 stops sending and forgets the backlog. */
  void rate(double beaconsPerSecond);

  /** Its counters, in its own units: beacons, or rows for a load of the pipeline's output. */
  LoadCounters counters();

  /** How many of its units stand for one beacon. */
  default double unitsPerBeacon() {
    return 1;
  }

  /** The beacons due but not sent yet, in seconds at the current rate: the generator's lag. */
  double backlogSeconds();

  /** What the load goes to, for progress lines. */
  String target();

  @Override
  void close();
}
