package dev.openqoe.ingest.core;

import static dev.openqoe.ingest.core.IngestServiceAdmissionTest.assertRefusal;
import static dev.openqoe.ingest.core.TestCore.KEY;
import static dev.openqoe.ingest.core.TestCore.ORIGIN;
import static dev.openqoe.ingest.core.TestCore.onlyAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OPTIONS preflights, answered before any key or limit is looked at. */
class CorsPolicyTest {

  private final TestCore core = new TestCore();

  @Test
  void answersAPreflightOfAnOriginSomePropertyAllowsWith204AndTheCorsHeaders() {
    IngestAnswer answer = preflight(Endpoint.BEACONS, new TestExchange("OPTIONS"), ORIGIN);

    assertThat(answer.status()).isEqualTo(204);
    assertThat(answer.body()).isNull();
    assertThat(answer.allowedOrigin()).isEqualTo(ORIGIN);
    assertThat(answer.headers())
        .containsExactly(
            new AnswerHeader("Access-Control-Allow-Methods", "POST, OPTIONS"),
            new AnswerHeader(
                "Access-Control-Allow-Headers",
                "Content-Type, Content-Encoding, X-QoE-Key, CMCD-Request, CMCD-Object,"
                    + " CMCD-Status, CMCD-Session"),
            new AnswerHeader("Access-Control-Max-Age", "86400"));
  }

  @Test
  void allowsTheCmcdMethodsInACmcdPreflight() {
    IngestAnswer answer = preflight(Endpoint.CMCD, new TestExchange("OPTIONS"), ORIGIN);

    assertThat(answer.headers())
        .contains(new AnswerHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS"));
  }

  @Test
  void checksTheOriginAgainstThePropertyOfTheKeyInTheQuery() {
    // "throttled" allows any origin, "test" only its player.
    IngestAnswer anyProperty =
        preflight(Endpoint.BEACONS, new TestExchange("OPTIONS"), "https://evil.example");
    IngestAnswer keyed =
        preflight(
            Endpoint.BEACONS, new TestExchange("OPTIONS").query("k", KEY), "https://evil.example");

    assertThat(anyProperty.status()).isEqualTo(204);
    assertRefusal(
        keyed,
        403,
        "origin_not_allowed",
        "origin https://evil.example may not send beacons to this collector");
    assertThat(keyed.allowedOrigin()).isNull();
    assertThat(keyed.headers()).isEmpty();
    assertThat(core.rejectedRequests("origin_not_allowed")).isEqualTo(1);
  }

  @Test
  void answersAPreflightWithoutOriginWith204AndTheAllowedMethods() {
    IngestAnswer answer = onlyAnswer(core.send(Endpoint.CMCD, new TestExchange("OPTIONS"), ""));

    assertThat(answer.status()).isEqualTo(204);
    assertThat(answer.body()).isNull();
    assertThat(answer.allowedOrigin()).isNull();
    assertThat(answer.headers()).containsExactly(new AnswerHeader("Allow", "GET, POST, OPTIONS"));
  }

  @Test
  void answersPreflightsEvenWhileShuttingDownAndStoresNothing() {
    core.draining.set(true);

    assertThat(preflight(Endpoint.BEACONS, new TestExchange("OPTIONS"), ORIGIN).status())
        .isEqualTo(204);
    assertThat(core.sink.batches()).isEmpty();
  }

  private IngestAnswer preflight(Endpoint endpoint, TestExchange request, String origin) {
    return onlyAnswer(core.send(endpoint, request.header(RequestHeader.ORIGIN, origin), ""));
  }
}
