package dev.openqoe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Twenty 256 KiB bodies of distinct unknown field names, sent while good beacons flow, leave the
 * good beacons' latency alone (issue 20, item 3).
 */
class UnknownFieldsFloodIT {

  @Test
  void goodBeaconsKeepTheirLatencyWhileBodiesFullOfUnknownFieldsArrive() throws Exception {
    String hostile = hostileBody();
    try (TestCollector collector = TestCollector.start()) {
      GoodTraffic.p99Millis(collector, 200);
      double before = GoodTraffic.p99Millis(collector, 300);
      ExecutorService senders = Executors.newFixedThreadPool(4);
      try {
        List<CompletableFuture<Integer>> floods =
            IntStream.range(0, 20)
                .mapToObj(
                    i ->
                        CompletableFuture.supplyAsync(
                            () -> collector.postBeacons(hostile).statusCode(), senders))
                .toList();
        double during = GoodTraffic.p99Millis(collector, 300);
        List<Integer> statuses = floods.stream().map(CompletableFuture::join).toList();

        System.out.printf(
            "unknown-field flood: good-beacon p99 %.2f ms before, %.2f ms while 20 bodies of %d"
                + " bytes arrived (answered %s)%n",
            before, during, hostile.length(), statuses.stream().distinct().toList());
        // Each is one event rejected for its unknown fields: 400 no_valid_events, kept on the DLQ.
        assertThat(statuses).containsOnly(400);
        // Generous: on the shared machine the target of 50 ms is printed, not asserted.
        assertThat(during).isLessThan(500);
      } finally {
        senders.shutdownNow();
      }
    }
  }

  /** One event with as many distinct unknown fields as fit the 256 KiB body limit. */
  private static String hostileBody() {
    StringBuilder event =
        new StringBuilder(
            "{\"v\":1,\"session_id\":\"flood\",\"seq\":1,\"type\":\"heartbeat\",\"ts\":"
                + System.currentTimeMillis());
    int room = 256 * 1024 - "{\"events\":[]}".length() - 1;
    for (int i = 0; ; i++) {
      String field = ",\"" + Integer.toString(i, 36).toUpperCase(Locale.ROOT) + "\":0";
      if (event.length() + field.length() > room) {
        break;
      }
      event.append(field);
    }
    return "{\"events\":[" + event.append('}') + "]}";
  }
}
