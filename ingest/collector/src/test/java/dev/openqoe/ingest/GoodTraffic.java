package dev.openqoe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/**
 * Good beacons sent one after another to a collector, each timed from send to answer: the traffic
 * whose latency attacks must leave alone.
 */
final class GoodTraffic {

  private GoodTraffic() {}

  /** Sends {@code requests} good beacons, all of which must be answered 200; their p99 in ms. */
  static double p99Millis(TestCollector collector, int requests) {
    String session = Beacons.sessionId();
    long[] nanos = new long[requests];
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      int status = collector.postBeacons(Beacons.event(session, i, "heartbeat")).statusCode();
      nanos[i] = System.nanoTime() - start;
      assertThat(status).isEqualTo(200);
    }
    Arrays.sort(nanos);
    return nanos[(int) Math.ceil(requests * 0.99) - 1] / 1e6;
  }
}
