package dev.openqoe.ingest.core;

import static dev.openqoe.ingest.core.TestCore.event;
import static dev.openqoe.ingest.core.TestCore.onlyAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A client behind the operator's proxy that writes its own X-Forwarded-For entries cannot pass for
 * other clients: its limits, GeoIP and stored network are those of the address the proxy saw (issue
 * 20, item 2).
 */
class ForwardedForSpoofingTest {

  private static final String PROXY = "10.0.0.2";
  private static final String CLIENT = "192.0.2.77";

  @Test
  void aThousandRequestsWithSpoofedFirstEntriesAreLimitedAsTheirOneClient() {
    TestCore core =
        new TestCore(
            "--rate-limit.per-ip=10", "--trust-forwarded-for=true", "--trusted-proxies=10.0.0.0/8");
    int[] statuses = new int[600];
    for (int i = 0; i < 1_000; i++) {
      // A new made-up address each time, then the one the proxy appended.
      String spoofed = "198.18." + (i / 250) + "." + (i % 250);
      TestExchange request =
          TestCore.beaconPost()
              .from(PROXY)
              .header(RequestHeader.FORWARDED_FOR, spoofed + ", " + CLIENT);
      statuses[
          onlyAnswer(core.send(Endpoint.BEACONS, request, event("s-" + i, 0, "heartbeat")))
              .status()]++;
    }

    System.out.printf(
        "forwarded-for spoofing: 1000 requests, %d answered 200, %d answered 429%n",
        statuses[200], statuses[429]);
    // Burst of 2 s at 10/s, plus what refills while the loop runs.
    assertThat(statuses[429]).isGreaterThanOrEqualTo(950);
    assertThat(core.sink.beacons())
        .allSatisfy(beacon -> assertThat(beacon.receipt().clientIp()).isEqualTo("192.0.2.0"));
  }

  @Test
  void aClientConnectingDirectlyCannotNameAnotherAddress() {
    TestCore core =
        new TestCore(
            "--rate-limit.per-ip=1", "--trust-forwarded-for=true", "--trusted-proxies=10.0.0.0/8");
    int refused = 0;
    for (int i = 0; i < 10; i++) {
      TestExchange request =
          TestCore.beaconPost()
              .from("203.0.113.5")
              .header(RequestHeader.FORWARDED_FOR, "198.18.0." + i);
      if (onlyAnswer(core.send(Endpoint.BEACONS, request, event("d-" + i, 0, "heartbeat"))).status()
          == 429) {
        refused++;
      }
    }

    assertThat(refused).isEqualTo(8);
    assertThat(core.sink.beacons().get(0).receipt().clientIp()).isEqualTo("203.0.113.0");
  }
}
