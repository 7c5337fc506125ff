package dev.openqoe.simulator;

import java.util.concurrent.atomic.AtomicLong;

/** What happened to the beacons and sessions of a run, counted as it goes (thread-safe). */
public final class DeliveryStats {

  final AtomicLong sessionsStarted = new AtomicLong();
  final AtomicLong sessionsFinished = new AtomicLong();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong beaconsSent = new AtomicLong();
  final AtomicLong beaconsAccepted = new AtomicLong();
  final AtomicLong beaconsRejected = new AtomicLong();
  final AtomicLong beaconsLost = new AtomicLong();
  final AtomicLong retriesRateLimited = new AtomicLong();
  final AtomicLong retriesUnavailable = new AtomicLong();
  final AtomicLong retriesConnection = new AtomicLong();
  final AtomicLong opsRecordsSent = new AtomicLong();
  final AtomicLong opsRecordsStored = new AtomicLong();
  final AtomicLong opsRecordsRejected = new AtomicLong();
  final AtomicLong opsRecordsLost = new AtomicLong();
  final AtomicLong opsRecordsUnsent = new AtomicLong();

  public long sessionsStarted() {
    return sessionsStarted.get();
  }

  public long sessionsFinished() {
    return sessionsFinished.get();
  }

  /** HTTP requests made, retries included. */
  public long requests() {
    return requests.get();
  }

  /** Beacons handed to the collector at least once. */
  public long beaconsSent() {
    return beaconsSent.get();
  }

  /** Beacons the collector acknowledged as stored. */
  public long beaconsAccepted() {
    return beaconsAccepted.get();
  }

  /** Beacons the collector refused as invalid: a bug in the simulator. */
  public long beaconsRejected() {
    return beaconsRejected.get();
  }

  /**
   * Beacons given up on after retrying for too long, or refused for a reason retrying can't fix.
   */
  public long beaconsLost() {
    return beaconsLost.get();
  }

  /** Requests repeated after 429. */
  public long retriesRateLimited() {
    return retriesRateLimited.get();
  }

  /** Requests repeated after 503. */
  public long retriesUnavailable() {
    return retriesUnavailable.get();
  }

  /** Requests repeated after the connection failed or timed out. */
  public long retriesConnection() {
    return retriesConnection.get();
  }

  public long retries() {
    return retriesRateLimited() + retriesUnavailable() + retriesConnection();
  }

  /** Delivery-chain records (log lines, JSON events) posted to the collector at least once. */
  public long opsRecordsSent() {
    return opsRecordsSent.get();
  }

  /** Delivery-chain records the collector answered 2xx for. */
  public long opsRecordsStored() {
    return opsRecordsStored.get();
  }

  /** Delivery-chain records the collector refused as malformed (400, 413, 415): a bug. */
  public long opsRecordsRejected() {
    return opsRecordsRejected.get();
  }

  /**
   * Delivery-chain records given up on after retrying, or refused for a reason retrying can't fix.
   */
  public long opsRecordsLost() {
    return opsRecordsLost.get();
  }

  /**
   * Delivery-chain records never sent because their time had not come when a real-time run ended
   * (what cut-off sessions would still have requested, a transcode job still running).
   */
  public long opsRecordsUnsent() {
    return opsRecordsUnsent.get();
  }
}
