package dev.openqoe.bench.path;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a load generator has done since it started, from any thread. A phase reads it at the start
 * and the end of a step and takes the difference.
 */
final class LoadCounters {

  private static final int ERRORS_KEPT = 5;

  final AtomicLong beaconsSent = new AtomicLong();
  final AtomicLong beaconsStored = new AtomicLong();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong failedRequests = new AtomicLong();
  final AtomicLong rejectedBeacons = new AtomicLong();
  private final ConcurrentLinkedQueue<String> lastErrors = new ConcurrentLinkedQueue<>();

  void record(Sender.Outcome outcome) {
    requests.incrementAndGet();
    if (outcome.error() != null) {
      failedRequests.incrementAndGet();
      lastErrors.add(outcome.error());
      while (lastErrors.size() > ERRORS_KEPT) {
        lastErrors.poll();
      }
      return;
    }
    beaconsStored.addAndGet(outcome.beacons() - outcome.rejected());
    rejectedBeacons.addAndGet(outcome.rejected());
  }

  Snapshot snapshot() {
    return new Snapshot(
        beaconsSent.get(),
        beaconsStored.get(),
        requests.get(),
        failedRequests.get(),
        rejectedBeacons.get(),
        String.join("; ", lastErrors));
  }

  /** The counters at one moment. */
  record Snapshot(
      long beaconsSent,
      long beaconsStored,
      long requests,
      long failedRequests,
      long rejectedBeacons,
      String lastErrors) {

    Snapshot minus(Snapshot earlier) {
      return new Snapshot(
          beaconsSent - earlier.beaconsSent,
          beaconsStored - earlier.beaconsStored,
          requests - earlier.requests,
          failedRequests - earlier.failedRequests,
          rejectedBeacons - earlier.rejectedBeacons,
          lastErrors);
    }
  }
}
