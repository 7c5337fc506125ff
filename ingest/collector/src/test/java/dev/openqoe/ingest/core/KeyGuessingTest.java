package dev.openqoe.ingest.core;

import static dev.openqoe.ingest.core.IngestServiceAdmissionTest.assertRefusal;
import static dev.openqoe.ingest.core.TestCore.event;
import static dev.openqoe.ingest.core.TestCore.onlyAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An address that sends unknown keys is slowed down, whatever key it sends next, so keys cannot be
 * guessed quickly (issue 20, item 6).
 */
class KeyGuessingTest {

  private static final String GUESSER = "203.0.113.200";

  @Test
  void afterItsBurstOfUnknownKeysAnAddressGets429EvenWithTheRightKey() {
    TestCore core = new TestCore("--rate-limit.unknown-keys-per-ip=1");
    List<Integer> guesses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      guesses.add(
          onlyAnswer(core.send(Endpoint.BEACONS, post("guess-" + i, GUESSER), body(i))).status());
    }
    IngestAnswer rightKey =
        onlyAnswer(core.send(Endpoint.BEACONS, post(TestCore.KEY, GUESSER), body(9)));
    IngestAnswer opsGuess =
        onlyAnswer(
            core.sendOps(
                "drm",
                new TestExchange("POST")
                    .header(RequestHeader.KEY, TestCore.OPS_KEY)
                    .header(RequestHeader.CONTENT_TYPE, "text/plain")
                    .from(GUESSER),
                "{}"));
    IngestAnswer otherAddress =
        onlyAnswer(core.send(Endpoint.BEACONS, post(TestCore.KEY, "198.51.100.1"), body(10)));

    // A burst of two seconds' worth at 1/s.
    assertThat(guesses).containsExactly(401, 401, 429, 429, 429);
    assertRefusal(
        rightKey,
        429,
        "rate_limited_unknown_key",
        "too many requests from your address with unknown keys: slow down");
    assertThat(opsGuess.status()).isEqualTo(429);
    assertThat(otherAddress.status()).isEqualTo(200);
    assertThat(core.rejectedRequests("rate_limited_unknown_key")).isEqualTo(5);
    assertThat(core.sink.beacons()).hasSize(1);
  }

  private static TestExchange post(String key, String address) {
    return new TestExchange("POST")
        .header(RequestHeader.KEY, key)
        .header(RequestHeader.CONTENT_TYPE, "application/json")
        .from(address);
  }

  private static String body(int i) {
    return event("g-" + i, 0, "heartbeat");
  }
}
