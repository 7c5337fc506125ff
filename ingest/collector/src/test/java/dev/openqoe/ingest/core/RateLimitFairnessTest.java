package dev.openqoe.ingest.core;

import static dev.openqoe.ingest.core.TestCore.event;
import static dev.openqoe.ingest.core.TestCore.onlyAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * One client sending far over its limit must not starve the other clients of its property: the
 * requests its own limit refuses do not spend the property's budget (issue 20, item 1).
 */
class RateLimitFairnessTest {

  private static final String FLOODER = "203.0.113.66";
  private static final String VIEWER = "198.51.100.7";

  @Test
  void oneAddressAt2000RequestsASecondLeavesAnotherAt1ASecondUnrefused() {
    // Property "shared": 100 requests/s (burst 200); each address 10/s (burst 20).
    TestCore core = new TestCore("--rate-limit.per-ip=10");
    int flooderRate = 2_000;
    int seconds = 3;
    int[] flooder = new int[600];
    List<Integer> viewer = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < flooderRate * seconds; i++) {
      // Paced: request i leaves at i / 2000 s; the viewer's at 0.5, 1.5 and 2.5 s.
      long due = start + TimeUnit.SECONDS.toNanos(i) / flooderRate;
      LockSupport.parkNanos(due - System.nanoTime());
      flooder[
          onlyAnswer(core.send(Endpoint.BEACONS, post(FLOODER), event("f-" + i, 0, "heartbeat")))
              .status()]++;
      if (i % flooderRate == flooderRate / 4) {
        viewer.add(
            onlyAnswer(core.send(Endpoint.BEACONS, post(VIEWER), event("v-" + i, 0, "heartbeat")))
                .status());
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;

    System.out.printf(
        "fairness: flooder %d requests in %.2f s (%.0f/s): %d answered 200, %d answered 429;"
            + " viewer at 1/s: %s%n",
        flooderRate * seconds,
        elapsed,
        flooderRate * seconds / elapsed,
        flooder[200],
        flooder[429],
        viewer);
    assertThat(viewer).containsExactly(200, 200, 200);
    assertThat(core.rejectedRequests("rate_limited_property")).isZero();
    // The flooder gets its own burst and rate, no more.
    assertThat(flooder[200]).isBetween(20, 20 + 10 * (int) Math.ceil(elapsed) + 1);
  }

  private static TestExchange post(String address) {
    return new TestExchange("POST")
        .header(RequestHeader.KEY, TestCore.SHARED_KEY)
        .header(RequestHeader.CONTENT_TYPE, "application/json")
        .from(address);
  }
}
