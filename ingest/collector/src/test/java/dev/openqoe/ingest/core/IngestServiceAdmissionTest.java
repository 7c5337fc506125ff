package dev.openqoe.ingest.core;

import static dev.openqoe.ingest.GzipBodies.gzip;
import static dev.openqoe.ingest.core.TestCore.KEY;
import static dev.openqoe.ingest.core.TestCore.ORIGIN;
import static dev.openqoe.ingest.core.TestCore.batch;
import static dev.openqoe.ingest.core.TestCore.beaconPost;
import static dev.openqoe.ingest.core.TestCore.event;
import static dev.openqoe.ingest.core.TestCore.json;
import static dev.openqoe.ingest.core.TestCore.onlyAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a request's head and the size of its body decide: the refusals of a request as a whole, each
 * with its status, headers, {"error", "reason"} body and metric, and nothing stored; and the ways a
 * request gets in (key in the query, allowed origin, gzip).
 */
class IngestServiceAdmissionTest {

  private static final String BODY = event("s-1", 0, "heartbeat");

  private final TestCore core = new TestCore();

  @Test
  void refusesOtherMethodsWith405AndTheAllowedOnes() {
    IngestAnswer put = onlyAnswer(core.send(Endpoint.BEACONS, new TestExchange("PUT"), BODY));
    IngestAnswer getBeacons =
        onlyAnswer(core.send(Endpoint.BEACONS, new TestExchange("GET").query("k", KEY), ""));
    IngestAnswer deleteCmcd = onlyAnswer(core.send(Endpoint.CMCD, new TestExchange("DELETE"), ""));

    assertRefusal(put, 405, "method_not_allowed", "PUT is not supported here");
    assertThat(put.headers()).containsExactly(new AnswerHeader("Allow", "POST, OPTIONS"));
    assertRefusal(getBeacons, 405, "method_not_allowed", "GET is not supported here");
    assertRefusal(deleteCmcd, 405, "method_not_allowed", "DELETE is not supported here");
    assertThat(deleteCmcd.headers())
        .containsExactly(new AnswerHeader("Allow", "GET, POST, OPTIONS"));
    assertThat(core.rejectedRequests("method_not_allowed")).isEqualTo(3);
    assertNothingStored();
  }

  @Test
  void refusesEveryRequestWith503WhileShuttingDown() {
    core.draining.set(true);

    IngestAnswer answer = onlyAnswer(core.send(Endpoint.BEACONS, beaconPost(), BODY));

    assertRefusal(answer, 503, "shutting_down", "the collector is shutting down");
    assertThat(answer.headers()).containsExactly(new AnswerHeader("Retry-After", "5"));
    assertThat(core.rejectedRequests("shutting_down")).isEqualTo(1);
    assertNothingStored();
  }

  @Test
  void refusesEveryRequestWith503WhileTheBrokersDiskIsShortAndAcceptsOnceItIsNot() {
    core.diskShortage.set(
        "the embedded Kafka broker's disk is nearly full: /data has 1.0 MiB free");

    IngestAnswer refused = onlyAnswer(core.send(Endpoint.BEACONS, beaconPost(), BODY));

    assertRefusal(
        refused,
        503,
        "disk_full",
        "the embedded Kafka broker's disk is nearly full: /data has 1.0 MiB free");
    assertThat(refused.headers()).containsExactly(new AnswerHeader("Retry-After", "5"));
    assertThat(core.rejectedRequests("disk_full")).isEqualTo(1);
    assertNothingStored();

    core.diskShortage.set(null);

    assertThat(onlyAnswer(core.send(Endpoint.BEACONS, beaconPost(), BODY)).status()).isEqualTo(200);
  }

  @Test
  void givesTheConfiguredRetryAfterWhileShuttingDown() {
    TestCore configured = new TestCore("--retry-after-seconds=7");
    configured.draining.set(true);

    IngestAnswer answer = onlyAnswer(configured.send(Endpoint.BEACONS, beaconPost(), BODY));

    assertThat(answer.headers()).containsExactly(new AnswerHeader("Retry-After", "7"));
  }

  @Test
  void refusesMissingAndUnknownKeysWith401() {
    String reason =
        "send your property's ingest key in the X-QoE-Key header or the k query parameter";

    IngestAnswer missing = onlyAnswer(core.send(Endpoint.BEACONS, new TestExchange("POST"), BODY));
    IngestAnswer unknown =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                new TestExchange("POST").header(RequestHeader.KEY, "guessed-key"),
                BODY));
    // The header is the key when both are given.
    IngestAnswer wrongHeader =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                new TestExchange("POST").header(RequestHeader.KEY, "guessed-key").query("k", KEY),
                BODY));

    assertThat(new String(missing.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"error\":\"unknown_ingest_key\",\"reason\":\"" + reason + "\"}");
    assertRefusal(missing, 401, "unknown_ingest_key", reason);
    assertRefusal(unknown, 401, "unknown_ingest_key", reason);
    assertRefusal(wrongHeader, 401, "unknown_ingest_key", reason);
    assertThat(missing.headers()).isEmpty();
    assertThat(core.rejectedRequests("unknown_ingest_key")).isEqualTo(3);
    assertNothingStored();
  }

  @Test
  void takesTheKeyFromTheQueryAsNavigatorSendBeaconSendsIt() {
    IngestAnswer answer =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                new TestExchange("POST")
                    .query("k", KEY)
                    .header(RequestHeader.CONTENT_TYPE, "text/plain;charset=UTF-8"),
                BODY));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(core.sink.beacons()).hasSize(1);
  }

  @Test
  void refusesAnOriginThePropertyDoesNotAllowWith403AndNoCorsHeaders() {
    IngestAnswer answer =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                beaconPost().header(RequestHeader.ORIGIN, "https://evil.example"),
                BODY));

    assertRefusal(
        answer,
        403,
        "origin_not_allowed",
        "origin https://evil.example is not allowed for property test");
    assertThat(answer.allowedOrigin()).isNull();
    assertThat(core.rejectedRequests("origin_not_allowed")).isEqualTo(1);
    assertNothingStored();
  }

  @Test
  void letsAnAllowedOriginReadEveryLaterAnswer() {
    IngestAnswer stored =
        onlyAnswer(
            core.send(Endpoint.BEACONS, beaconPost().header(RequestHeader.ORIGIN, ORIGIN), BODY));
    IngestAnswer refused =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                beaconPost()
                    .header(RequestHeader.ORIGIN, ORIGIN)
                    .header(RequestHeader.CONTENT_TYPE, "application/xml"),
                "<a/>"));
    IngestAnswer unreadable =
        onlyAnswer(
            core.send(Endpoint.BEACONS, beaconPost().header(RequestHeader.ORIGIN, ORIGIN), "{"));

    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.allowedOrigin()).isEqualTo(ORIGIN);
    assertThat(refused.status()).isEqualTo(415);
    assertThat(refused.allowedOrigin()).isEqualTo(ORIGIN);
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.allowedOrigin()).isEqualTo(ORIGIN);
  }

  @Test
  void answersWithoutCorsHeadersWhenNoOriginIsSent() {
    assertThat(core.postBeacons(BODY).allowedOrigin()).isNull();
  }

  @Test
  void rateLimitsAPropertyWith429AndRetryAfterOneSecond() {
    List<IngestAnswer> answers =
        IntStream.range(0, 5)
            .mapToObj(
                i ->
                    onlyAnswer(
                        core.send(
                            Endpoint.BEACONS,
                            new TestExchange("POST")
                                .header(RequestHeader.KEY, TestCore.THROTTLED_KEY),
                            event("s-" + i, 0, "heartbeat"))))
            .toList();

    // The bucket holds two seconds' worth (2 requests) at 1 request/s.
    assertThat(answers).extracting(IngestAnswer::status).containsExactly(200, 200, 429, 429, 429);
    assertRefusal(
        answers.get(2),
        429,
        "rate_limited_property",
        "too many requests from property throttled: slow down");
    assertThat(answers.get(2).headers()).containsExactly(new AnswerHeader("Retry-After", "1"));
    assertThat(core.rejectedRequests("rate_limited_property")).isEqualTo(3);
    assertThat(core.sink.beacons()).hasSize(2);
  }

  @Test
  void rateLimitsAClientAddressWith429AndRetryAfterOneSecond() {
    TestCore limited = new TestCore("--rate-limit.per-ip=1");

    List<Integer> statuses =
        IntStream.range(0, 3)
            .mapToObj(i -> limited.send(Endpoint.BEACONS, beaconPost().from("203.0.113.9"), BODY))
            .map(request -> onlyAnswer(request).status())
            .toList();
    IngestAnswer limitedAnswer =
        onlyAnswer(limited.send(Endpoint.BEACONS, beaconPost().from("203.0.113.9"), BODY));
    IngestAnswer otherClient =
        onlyAnswer(limited.send(Endpoint.BEACONS, beaconPost().from("203.0.113.10"), BODY));

    assertThat(statuses).containsExactly(200, 200, 429);
    assertRefusal(
        limitedAnswer,
        429,
        "rate_limited_client",
        "too many requests from your address: slow down");
    assertThat(limitedAnswer.headers()).containsExactly(new AnswerHeader("Retry-After", "1"));
    assertThat(otherClient.status()).isEqualTo(200);
  }

  @Test
  void limitsAndLocatesTheClientOfXForwardedForOnlyWhenTrusted() {
    TestCore trusting =
        new TestCore(
            "--rate-limit.per-ip=1", "--trust-forwarded-for=true", "--trusted-proxies=10.0.0.0/8");
    TestCore distrusting = new TestCore();

    for (int i = 0; i < 2; i++) {
      trusting.send(
          Endpoint.BEACONS,
          beaconPost().from("10.0.0.1").header(RequestHeader.FORWARDED_FOR, "192.0.2.77"),
          BODY);
    }
    IngestAnswer sameClient =
        onlyAnswer(
            trusting.send(
                Endpoint.BEACONS,
                beaconPost()
                    .from("10.0.0.2")
                    .header(RequestHeader.FORWARDED_FOR, "192.0.2.77, 10.0.0.1"),
                BODY));
    distrusting.send(
        Endpoint.BEACONS, beaconPost().header(RequestHeader.FORWARDED_FOR, "192.0.2.77"), BODY);

    assertThat(sameClient.status()).isEqualTo(429);
    assertThat(trusting.sink.beacons().get(0).receipt().clientIp()).isEqualTo("192.0.2.0");
    assertThat(distrusting.sink.beacons().get(0).receipt().clientIp()).isEqualTo("198.51.100.0");
  }

  @Test
  void refusesAnEncodingOtherThanGzipOrIdentityWith415() {
    IngestAnswer brotli =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS, beaconPost().header(RequestHeader.CONTENT_ENCODING, "br"), BODY));
    IngestAnswer identity =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                beaconPost().header(RequestHeader.CONTENT_ENCODING, " Identity "),
                BODY));

    assertRefusal(
        brotli,
        415,
        "unsupported_encoding",
        "Content-Encoding br is not supported; send gzip or no encoding");
    assertThat(identity.status()).isEqualTo(200);
    assertThat(core.rejectedRequests("unsupported_encoding")).isEqualTo(1);
  }

  @Test
  void refusesOtherMediaTypesWith415PerEndpoint() {
    IngestAnswer xml =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                beaconPost().header(RequestHeader.CONTENT_TYPE, "application/xml"),
                "<a/>"));
    IngestAnswer jsonToCmcd =
        onlyAnswer(
            core.send(
                Endpoint.CMCD,
                beaconPost().header(RequestHeader.CONTENT_TYPE, "application/json"),
                "{}"));

    assertRefusal(
        xml, 415, "unsupported_media_type", "send Content-Type application/json or text/plain");
    assertRefusal(
        jsonToCmcd,
        415,
        "unsupported_media_type",
        "send Content-Type application/cmcd or text/plain");
    assertThat(core.rejectedRequests("unsupported_media_type")).isEqualTo(2);
    assertNothingStored();
  }

  @Test
  void acceptsJsonTextOrNoMediaTypeAtAllForBeacons() {
    for (String type : new String[] {"Application/JSON; charset=utf-8", "text/plain", null}) {
      TestExchange request =
          new TestExchange("POST")
              .header(RequestHeader.KEY, KEY)
              .header(RequestHeader.CONTENT_TYPE, type);

      assertThat(onlyAnswer(core.send(Endpoint.BEACONS, request, BODY)).status())
          .as(type)
          .isEqualTo(200);
    }
  }

  @Test
  void refusesADeclaredLengthOverTheLimitWith413BeforeReadingTheBody() {
    TestExchange request =
        beaconPost().header(RequestHeader.CONTENT_LENGTH, Integer.toString(300_000));

    assertThat(core.service.admit(Endpoint.BEACONS, request)).isNull();
    assertRefusal(
        onlyAnswer(request),
        413,
        "body_too_large",
        "body of 300000 bytes: at most 262144 bytes are allowed (after decompression)");
    assertThat(core.rejectedRequests("body_too_large")).isEqualTo(1);
  }

  @Test
  void readsTheBodyOfARequestWithoutOrWithABadContentLength() {
    AdmittedRequest undeclared = core.service.admit(Endpoint.BEACONS, beaconPost());
    AdmittedRequest garbled =
        core.service.admit(
            Endpoint.BEACONS, beaconPost().header(RequestHeader.CONTENT_LENGTH, "ten"));
    AdmittedRequest declared =
        core.service.admit(
            Endpoint.BEACONS, beaconPost().header(RequestHeader.CONTENT_LENGTH, " 120 "));

    assertThat(undeclared.declaredLength()).isEqualTo(-1);
    assertThat(garbled.declaredLength()).isEqualTo(-1);
    assertThat(declared.declaredLength()).isEqualTo(120);
  }

  @Test
  void refusesABodyGrowingOverTheLimitWith413AndStopsReadingIt() {
    TestCore small = new TestCore("--max-body-bytes=1024");
    TestExchange request = beaconPost();
    AdmittedRequest admitted = small.service.admit(Endpoint.BEACONS, request);

    assertThat(admitted.accepts(1024)).isTrue();
    assertThat(request.answers()).isEmpty();
    assertThat(admitted.accepts(1025)).isFalse();
    assertThat(admitted.accepts(50)).isFalse();
    admitted.received(new byte[50]);

    assertRefusal(
        onlyAnswer(request),
        413,
        "body_too_large",
        "body over 1024 bytes: at most 1024 bytes are allowed (after decompression)");
    assertThat(small.sink.batches()).isEmpty();
  }

  @Test
  void refusesAGzipBodyInflatingOverTheLimitWith413() throws IOException {
    TestCore small = new TestCore("--max-body-bytes=1024");
    TestExchange request = beaconPost().header(RequestHeader.CONTENT_ENCODING, "gzip");

    IngestAnswer answer =
        onlyAnswer(small.send(Endpoint.BEACONS, request, gzip(new byte[100_000])));

    assertRefusal(
        answer,
        413,
        "body_too_large",
        "inflated body over 1024 bytes: at most 1024 bytes are allowed (after decompression)");
    assertThat(small.sink.batches()).isEmpty();
  }

  @Test
  void readsAGzipBody() throws IOException {
    TestExchange request =
        beaconPost().header(RequestHeader.CONTENT_ENCODING, "GZIP").query("ignored", "x");

    IngestAnswer answer =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                request,
                gzip(batch(BODY, event("s-1", 1, "heartbeat")).getBytes(StandardCharsets.UTF_8))));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(core.sink.beacons()).hasSize(2);
  }

  private void assertNothingStored() {
    assertThat(core.sink.batches()).isEmpty();
    assertThat(core.deadlines.pending()).isZero();
  }

  static void assertRefusal(IngestAnswer answer, int status, String error, String reason) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(json(answer))
        .isEqualTo(json("{\"error\":\"" + error + "\",\"reason\":\"" + reason + "\"}"));
  }
}
