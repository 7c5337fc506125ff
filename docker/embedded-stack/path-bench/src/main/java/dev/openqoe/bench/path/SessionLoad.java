package dev.openqoe.bench.path;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator's viewers at a beacon rate: as many viewers (lanes) as the rate means at the pool's
 * beacons per viewer-second, each playing one pooled session after the other, one request in flight
 * per viewer and in the session's order, taking turns. So a viewer's requests come about a
 * heartbeat interval apart, as from a player, and a higher rate is more viewers, not faster ones.
 * The pace is kept by a ticker every {@value #TICK_MILLIS} ms, on the sender's own thread, that
 * sends the beacons due since the last tick; what it cannot send (no viewer free, {@code
 * maxInFlight} reached) is backlog.
 */
final class SessionLoad implements Load {

  private static final long TICK_MILLIS = 1;
  private static final double BACKLOG_CAP_SECONDS = 120;
  private static final int JOINS_PER_TICK = 500;

  /** One viewer: the pooled session it plays, in which replay, and its next request. */
  private static final class Viewer {
    int session;
    String tag;
    int request;
  }

  private final SessionPool pool;
  private final Sender sender;
  private final int maxInFlight;
  private final int maxViewers;
  private final LoadCounters counters = new LoadCounters();
  private final ConcurrentLinkedQueue<Viewer> answered = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AutoCloseable ticker;

  // ticker thread only
  private final ArrayDeque<Viewer> free = new ArrayDeque<>();
  private int viewers;
  private long nextSession;
  private double credit;
  private long lastTick = System.nanoTime();

  private volatile double rate;
  private volatile double backlogSeconds;

  /**
   * @param maxInFlight requests in flight at most (the HTTP connections: one request each)
   * @param maxViewers a cap on the viewers, so that a rate far beyond any part's (the generator's
   *     own ceiling) does not hold millions of them
   */
  SessionLoad(SessionPool pool, Sender sender, int maxInFlight, int maxViewers) {
    this.pool = pool;
    this.sender = sender;
    this.maxInFlight = maxInFlight;
    this.maxViewers = maxViewers;
    this.ticker = sender.every(TICK_MILLIS, this::tickOrFail);
  }

  @Override
  public void rate(double beaconsPerSecond) {
    rate = beaconsPerSecond;
  }

  @Override
  public LoadCounters counters() {
    return counters;
  }

  @Override
  public double backlogSeconds() {
    return backlogSeconds;
  }

  @Override
  public String target() {
    return sender.target();
  }

  /** The viewers a rate means, at least enough to fill every request slot twice. */
  int viewersFor(double beaconsPerSecond) {
    double needed = Math.ceil(beaconsPerSecond / pool.beaconsPerViewerSecond());
    return (int) Math.min(maxViewers, Math.max(2L * maxInFlight, (long) needed));
  }

  /** A tick that fails is a failed request of the step, with its reason; the next tick goes on. */
  private void tickOrFail() {
    try {
      tick();
    } catch (RuntimeException e) {
      counters.record(Sender.Outcome.failed(0, "a tick of the load generator failed: " + e));
    }
  }

  private void tick() {
    long now = System.nanoTime();
    double seconds = (now - lastTick) / 1e9;
    lastTick = now;
    double current = rate;
    int target = viewersFor(current);
    for (Viewer viewer = answered.poll(); viewer != null; viewer = answered.poll()) {
      if (viewer.request >= pool.session(viewer.session).requests().size()) {
        if (viewers > target) {
          viewers--;
          continue;
        }
        startSession(viewer);
      }
      free.add(viewer);
    }
    if (current <= 0) {
      credit = 0;
      backlogSeconds = 0;
      return;
    }
    // Joins are spread over ticks: hundreds of thousands at once would hold the event loop.
    for (int joined = 0; viewers < target && joined < JOINS_PER_TICK; joined++) {
      Viewer viewer = new Viewer();
      startSession(viewer);
      free.add(viewer);
      viewers++;
    }
    credit = Math.min(credit + current * seconds, current * BACKLOG_CAP_SECONDS);
    while (credit >= 1 && inFlight.get() < maxInFlight && !free.isEmpty()) {
      Viewer viewer = free.poll();
      SessionPool.Session session = pool.session(viewer.session);
      SessionPool.Request request = session.requests().get(viewer.request);
      int beacons = request.beacons().size();
      credit -= beacons;
      inFlight.incrementAndGet();
      counters.beaconsSent.addAndGet(beacons);
      sender.send(
          session,
          request,
          viewer.tag,
          outcome -> {
            counters.record(outcome);
            inFlight.decrementAndGet();
            viewer.request++;
            answered.add(viewer);
          });
    }
    backlogSeconds = Math.max(0, credit) / current;
  }

  /** The viewer's next session: pool sessions in turn, each replay with ids of its own. */
  private void startSession(Viewer viewer) {
    long n = nextSession++;
    viewer.session = (int) (n % pool.size());
    viewer.tag = SessionPool.tag(n / pool.size());
    viewer.request = 0;
  }

  @Override
  public void close() {
    try {
      ticker.close();
    } catch (Exception e) {
      System.err.println("bench-path: could not stop the load's ticker: " + e);
    }
    sender.close();
  }
}
