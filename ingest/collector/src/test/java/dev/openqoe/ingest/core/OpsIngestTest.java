package dev.openqoe.ingest.core;

import static dev.openqoe.ingest.GzipBodies.gzip;
import static dev.openqoe.ingest.core.IngestServiceAdmissionTest.assertRefusal;
import static dev.openqoe.ingest.core.TestCore.KEY;
import static dev.openqoe.ingest.core.TestCore.NOW;
import static dev.openqoe.ingest.core.TestCore.OPS_KEY;
import static dev.openqoe.ingest.core.TestCore.ORIGIN;
import static dev.openqoe.ingest.core.TestCore.json;
import static dev.openqoe.ingest.core.TestCore.onlyAnswer;
import static dev.openqoe.ingest.core.TestCore.opsPost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/ops/<feed>}: a delivery-chain body is stored as one raw record of its feed,
 * unchanged, and answered once stored; every refusal with its status, headers, body and metric, and
 * what reaches the sink.
 */
class OpsIngestTest {

  private static final String CLOUDFRONT_LOG =
      """
      #Version: 1.0
      #Fields: date time x-edge-location sc-bytes c-ip cs-method cs-uri-stem sc-status
      2026-01-01\t00:00:01\tIAD89-C1\t524288\t203.0.113.7\tGET\t/vod/café/seg-1.m4s\t200
      2026-01-01\t00:00:02\tIAD89-C1\t0\t203.0.113.7\tGET\t/vod/café/seg-2.m4s\t504
      """;
  private static final String DRM_LOG =
      "[{\"ts\":\"2026-01-01T00:00:01Z\",\"system\":\"widevine\",\"status\":\"granted\"},"
          + "{\"ts\":\"2026-01-01T00:00:02Z\",\"system\":\"fairplay\",\"status\":\"denied\"}]";

  private final TestCore core = new TestCore();

  @Test
  void storesTheBodyAsOneRawRecordOfItsFeedUnchanged() {
    byte[] body = CLOUDFRONT_LOG.getBytes(StandardCharsets.UTF_8);

    IngestAnswer answer = onlyAnswer(core.sendOps("cloudfront", opsPost(), body));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers()).isEmpty();
    assertThat(answer.allowedOrigin()).isNull();
    JsonNode stored = json(answer);
    assertThat(stored.get("stored").asInt()).isEqualTo(1);
    assertThat(stored.get("bytes").asInt()).isEqualTo(body.length);
    assertThat(stored.get("feed").asText()).isEqualTo("cloudfront");
    assertThat(core.sink.batches())
        .singleElement()
        .satisfies(b -> assertThat(b.records).hasSize(1));
    assertThat(core.sink.opsRecords())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.feed()).isEqualTo("cloudfront");
              assertThat(record.propertyId()).isEqualTo("test");
              assertThat(record.body()).isEqualTo(body);
            });
    assertThat(opsRecordsAccepted("cloudfront")).isEqualTo(1);
    assertThat(opsBytesAccepted("cloudfront")).isEqualTo(body.length);
    assertThat(
            core.metric("qoe_collector_events_accepted_total{property=\"test\",source=\"beacon\"}"))
        .isZero();
  }

  @Test
  void storesAGzipBodyAsTheTextItInflatesTo() throws IOException {
    byte[] plain = DRM_LOG.getBytes(StandardCharsets.UTF_8);

    IngestAnswer answer =
        onlyAnswer(
            core.sendOps(
                "drm",
                opsPost()
                    .header(RequestHeader.CONTENT_TYPE, "application/json")
                    .header(RequestHeader.CONTENT_ENCODING, "gzip"),
                gzip(plain)));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(json(answer).get("bytes").asInt()).isEqualTo(plain.length);
    assertThat(json(answer).get("feed").asText()).isEqualTo("drm");
    assertThat(core.sink.opsRecords())
        .singleElement()
        .satisfies(r -> assertThat(r.body()).isEqualTo(plain));
    assertThat(opsBytesAccepted("drm")).isEqualTo(plain.length);
  }

  @Test
  void acceptsEveryFeedOfTheRegistry() {
    List<String> feeds = QoeTopics.OPS_FEEDS.stream().map(OpsFeed::name).toList();

    feeds.forEach(
        feed ->
            assertThat(onlyAnswer(core.sendOps(feed, opsPost(), "x\n")).status()).isEqualTo(200));

    assertThat(core.sink.opsRecords()).extracting(OpsRecord::feed).containsExactlyElementsOf(feeds);
  }

  @Test
  void refusesAnUnknownFeedWith404AndListsTheFeeds() {
    IngestAnswer misspelt = onlyAnswer(core.sendOps("cloudfrnt", opsPost(), CLOUDFRONT_LOG));
    IngestAnswer none = onlyAnswer(core.sendOps("", new TestExchange("GET"), ""));

    assertRefusal(
        misspelt,
        404,
        "unknown_feed",
        "no delivery-chain feed 'cloudfrnt': POST to /v1/ops/<feed>, where <feed> is one of"
            + " cloudfront, cloudfront-realtime, cdn, mediaconvert, transcode, drm");
    assertThat(none.status()).isEqualTo(404);
    assertThat(core.rejectedRequests("unknown_feed")).isEqualTo(2);
    assertThat(core.sink.batches()).isEmpty();
  }

  @Test
  void refusesOtherMethodsWith405AndServesNoPreflight() {
    IngestAnswer get =
        onlyAnswer(
            core.sendOps("cdn", new TestExchange("GET").header(RequestHeader.KEY, OPS_KEY), ""));
    IngestAnswer preflight =
        onlyAnswer(
            core.sendOps(
                "cdn", new TestExchange("OPTIONS").header(RequestHeader.ORIGIN, ORIGIN), ""));

    assertRefusal(get, 405, "method_not_allowed", "GET is not supported here");
    assertThat(get.headers()).containsExactly(new AnswerHeader("Allow", "POST"));
    assertRefusal(preflight, 405, "method_not_allowed", "OPTIONS is not supported here");
    assertThat(preflight.headers()).containsExactly(new AnswerHeader("Allow", "POST"));
    assertThat(preflight.allowedOrigin()).isNull();
    assertThat(core.sink.batches()).isEmpty();
  }

  @Test
  void takesOnlyAnOpsKeyInTheHeaderNeverAPublicPlayerKey() {
    IngestAnswer missing = onlyAnswer(core.sendOps("cdn", new TestExchange("POST"), "{\"a\":1}\n"));
    IngestAnswer unknown =
        onlyAnswer(
            core.sendOps(
                "cdn", new TestExchange("POST").header(RequestHeader.KEY, "guessed"), "{}\n"));
    IngestAnswer playerKey =
        onlyAnswer(
            core.sendOps("cdn", new TestExchange("POST").header(RequestHeader.KEY, KEY), "{}\n"));
    IngestAnswer inQuery =
        onlyAnswer(core.sendOps("cdn", new TestExchange("POST").query("k", OPS_KEY), "{}\n"));
    IngestAnswer opsKeyForBeacons =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                new TestExchange("POST").header(RequestHeader.KEY, OPS_KEY),
                "{}"));
    IngestAnswer header =
        onlyAnswer(
            core.sendOps(
                "cdn", new TestExchange("POST").header(RequestHeader.KEY, OPS_KEY), "{}\n"));

    assertRefusal(
        missing,
        401,
        "unknown_ops_key",
        "send one of your property's ops_keys in the X-QoE-Key header (player ingest keys are"
            + " public and cannot write delivery-chain records)");
    assertThat(List.of(unknown, playerKey, inQuery, opsKeyForBeacons))
        .extracting(IngestAnswer::status)
        .containsOnly(401);
    assertThat(header.status()).isEqualTo(200);
    assertThat(core.sink.opsRecords()).hasSize(1);
  }

  @Test
  void refusesEveryRequestWith503WhileShuttingDown() {
    core.draining.set(true);

    IngestAnswer answer = onlyAnswer(core.sendOps("cdn", opsPost(), "{}\n"));

    assertRefusal(answer, 503, "shutting_down", "the collector is shutting down");
    assertThat(answer.headers()).containsExactly(new AnswerHeader("Retry-After", "5"));
    assertThat(core.sink.batches()).isEmpty();
  }

  @Test
  void refusesAnOriginThePropertyDoesNotAllowAndLetsNoPageReadAnAnswer() {
    IngestAnswer foreign =
        onlyAnswer(
            core.sendOps(
                "cdn", opsPost().header(RequestHeader.ORIGIN, "https://evil.example"), "{}\n"));
    IngestAnswer allowed =
        onlyAnswer(core.sendOps("cdn", opsPost().header(RequestHeader.ORIGIN, ORIGIN), "{}\n"));

    assertRefusal(
        foreign,
        403,
        "origin_not_allowed",
        "origin https://evil.example is not allowed for property test");
    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.allowedOrigin()).isNull();
  }

  @Test
  void rateLimitsThePropertyAndTheClientAddressWith429() {
    List<Integer> property =
        IntStream.range(0, 3)
            .mapToObj(
                i ->
                    core.sendOps(
                        "cdn",
                        new TestExchange("POST")
                            .header(RequestHeader.KEY, TestCore.THROTTLED_OPS_KEY),
                        "{}\n"))
            .map(request -> onlyAnswer(request).status())
            .toList();
    TestCore limited = new TestCore("--rate-limit.per-ip=1");
    List<IngestAnswer> client =
        IntStream.range(0, 3)
            .mapToObj(
                i -> onlyAnswer(limited.sendOps("cdn", opsPost().from("203.0.113.9"), "{}\n")))
            .toList();

    // Buckets hold two seconds' worth: 2 requests at 1 request/s.
    assertThat(property).containsExactly(200, 200, 429);
    assertThat(core.rejectedRequests("rate_limited_property")).isEqualTo(1);
    assertThat(client).extracting(IngestAnswer::status).containsExactly(200, 200, 429);
    assertRefusal(
        client.get(2),
        429,
        "rate_limited_client",
        "too many requests from your address: slow down");
    assertThat(client.get(2).headers()).containsExactly(new AnswerHeader("Retry-After", "1"));
  }

  @Test
  void refusesAnEncodingOtherThanGzipOrIdentityWith415() {
    IngestAnswer brotli =
        onlyAnswer(
            core.sendOps("cdn", opsPost().header(RequestHeader.CONTENT_ENCODING, "br"), "{}\n"));
    IngestAnswer identity =
        onlyAnswer(
            core.sendOps(
                "cdn", opsPost().header(RequestHeader.CONTENT_ENCODING, "identity"), "{}\n"));

    assertRefusal(
        brotli,
        415,
        "unsupported_encoding",
        "Content-Encoding br is not supported; send gzip or no encoding");
    assertThat(identity.status()).isEqualTo(200);
  }

  @Test
  void takesTextJsonNdjsonOctetStreamOrNoMediaTypeAndRefusesOthersWith415AndTheList() {
    List<String> accepted =
        List.of(
            "text/plain",
            "application/json; charset=utf-8",
            "application/x-ndjson",
            "application/octet-stream");
    accepted.forEach(
        type ->
            assertThat(
                    onlyAnswer(
                            core.sendOps(
                                "cdn", opsPost().header(RequestHeader.CONTENT_TYPE, type), "{}\n"))
                        .status())
                .as(type)
                .isEqualTo(200));
    IngestAnswer untyped =
        onlyAnswer(
            core.sendOps(
                "cdn", new TestExchange("POST").header(RequestHeader.KEY, OPS_KEY), "{}\n"));
    // What curl --data-binary sends unless told otherwise.
    IngestAnswer form =
        onlyAnswer(
            core.sendOps(
                "cdn",
                opsPost().header(RequestHeader.CONTENT_TYPE, "application/x-www-form-urlencoded"),
                "{}\n"));

    assertThat(untyped.status()).isEqualTo(200);
    assertRefusal(
        form,
        415,
        "unsupported_media_type",
        "send Content-Type text/plain, application/json, application/x-ndjson,"
            + " application/octet-stream, or none");
    assertThat(core.sink.opsRecords()).hasSize(5);
  }

  @Test
  void hasItsOwnBodyLimitAboveTheBeaconsOne() {
    byte[] overBeaconLimit = lines(core.config.maxBodyBytes() + 1);

    IngestAnswer answer = onlyAnswer(core.sendOps("cloudfront", opsPost(), overBeaconLimit));

    assertThat(core.config.maxOpsBodyBytes()).isGreaterThan(core.config.maxBodyBytes());
    assertThat(answer.status()).isEqualTo(200);
    assertThat(core.sink.opsRecords())
        .singleElement()
        .satisfies(r -> assertThat(r.body()).isEqualTo(overBeaconLimit));
  }

  @Test
  void refusesADeclaredLengthOverTheLimitWith413AndAsksToSplitTheBatch() {
    TestCore small = new TestCore("--max-ops-body-bytes=2048");

    IngestAnswer answer =
        onlyAnswer(
            small.sendOps(
                "cdn", opsPost().header(RequestHeader.CONTENT_LENGTH, "2049"), lines(2049)));

    assertRefusal(
        answer,
        413,
        "body_too_large",
        "body of 2049 bytes: at most 2048 bytes are allowed (after decompression); split the"
            + " batch into smaller requests");
    assertThat(small.rejectedRequests("body_too_large")).isEqualTo(1);
    assertThat(small.sink.batches()).isEmpty();
  }

  @Test
  void refusesABodyGrowingOverTheLimitWith413AndStopsReadingIt() {
    TestCore small = new TestCore("--max-ops-body-bytes=2048");
    TestExchange request = opsPost();
    AdmittedRequest admitted = small.service.admitOps("cdn", request);

    assertThat(admitted.accepts(2048)).isTrue();
    assertThat(admitted.accepts(2049)).isFalse();

    assertRefusal(
        onlyAnswer(request),
        413,
        "body_too_large",
        "body over 2048 bytes: at most 2048 bytes are allowed (after decompression); split the"
            + " batch into smaller requests");
    assertThat(small.sink.batches()).isEmpty();
  }

  @Test
  void refusesAGzipBodyInflatingOverTheLimitWith413() throws IOException {
    TestCore small = new TestCore("--max-ops-body-bytes=2048");

    IngestAnswer answer =
        onlyAnswer(
            small.sendOps(
                "cloudfront",
                opsPost().header(RequestHeader.CONTENT_ENCODING, "gzip"),
                gzip(lines(100_000))));

    assertRefusal(
        answer,
        413,
        "body_too_large",
        "inflated body over 2048 bytes: at most 2048 bytes are allowed (after decompression);"
            + " split the batch into smaller requests");
    assertThat(small.sink.batches()).isEmpty();
  }

  @Test
  void refusesAnEmptyBodyWith400AndKeepsTheRefusalOnTheOpsDlq() {
    IngestAnswer answer = onlyAnswer(core.sendOps("drm", opsPost(), ""));

    String reason =
        "the request body is empty: send the feed's records, a batch of lines or a JSON array";
    assertRefusal(answer, 400, "empty_body", reason);
    assertThat(core.rejectedRequests("empty_body")).isEqualTo(1);
    assertOnTheOpsDlq("drm", "", reason);
  }

  @Test
  void refusesABodyThatIsNotUtf8With400NamingTheByteAndItsLine() {
    byte[] latin1 = "#Version: 1.0\n2026-01-01\tcaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

    IngestAnswer answer = onlyAnswer(core.sendOps("cloudfront", opsPost(), latin1));

    String reason =
        "the body is not UTF-8 text: byte 0xE9 at byte offset 28 (line 2) does not belong there"
            + " in UTF-8; send the text as UTF-8";
    assertRefusal(answer, 400, "not_utf8", reason);
    assertThat(core.rejectedRequests("not_utf8")).isEqualTo(1);
    assertThat(core.sink.opsRecords()).isEmpty();
    assertOnTheOpsDlq("cloudfront", "#Version: 1.0\n2026-01-01\tcaf\uFFFD\n", reason);
  }

  @Test
  void tellsASenderOfGzipWithoutContentEncodingToDeclareIt() throws IOException {
    IngestAnswer answer = onlyAnswer(core.sendOps("cloudfront", opsPost(), gzip(lines(100))));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(json(answer).get("reason").asText())
        .startsWith("the body is not UTF-8 text: byte 0x8B at byte offset 1 (line 1)")
        .endsWith("; it looks gzip-compressed: send it with Content-Encoding: gzip");
  }

  @Test
  void refusesABodyThatIsNotGzipWith400AndKeepsItOnTheOpsDlq() {
    IngestAnswer answer =
        onlyAnswer(
            core.sendOps(
                "cdn", opsPost().header(RequestHeader.CONTENT_ENCODING, "gzip"), "{\"a\":1}\n"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(json(answer).get("error").asText()).isEqualTo("malformed_gzip");
    assertThat(core.sink.refusedOpsBodies())
        .singleElement()
        .satisfies(refused -> assertThat(refused.rejected().raw()).isEqualTo("{\"a\":1}\n"));
  }

  @Test
  void answersARefusedBodyWithoutWaitingForTheDlq() {
    core.sink.hold();

    IngestAnswer answer = onlyAnswer(core.sendOps("cdn", opsPost(), ""));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(core.sink.refusedOpsBodies()).hasSize(1);
  }

  @Test
  void answers503WithRetryAfterWhenTheSinkFails() {
    core.sink.failWith(new IllegalStateException("broker down"));

    IngestAnswer answer = onlyAnswer(core.sendOps("cdn", opsPost(), "{}\n"));

    assertRefusal(answer, 503, "kafka_unavailable", "the body could not be stored: broker down");
    assertThat(answer.headers()).containsExactly(new AnswerHeader("Retry-After", "5"));
    assertThat(opsRecordsAccepted("cdn")).isZero();
    assertThat(core.deadlines.pending()).isZero();
  }

  @Test
  void answers503WhenTheSinkDoesNotAcknowledgeInTimeAndCountsWhatKafkaStoredLater() {
    TestCore slow = new TestCore("--response-timeout-ms=1500");
    slow.sink.hold();
    TestExchange request = slow.sendOps("cdn", opsPost(), "{}\n");
    assertThat(request.answers()).isEmpty();

    slow.deadlines.passAll();
    slow.sink.acknowledgeHeld();

    assertRefusal(
        onlyAnswer(request), 503, "kafka_timeout", "Kafka did not acknowledge within 1500 ms");
    assertThat(
            slow.metric("qoe_collector_ops_records_accepted_total{feed=\"cdn\",property=\"test\"}"))
        .isEqualTo(1);
  }

  @Test
  void answersOnlyOnceTheSinkAcknowledged() {
    core.sink.hold();
    TestExchange request = core.sendOps("cdn", opsPost(), "{}\n");
    assertThat(request.answers()).isEmpty();

    core.sink.acknowledgeHeld();

    assertThat(onlyAnswer(request).status()).isEqualTo(200);
    assertThat(core.deadlines.pending()).isZero();
  }

  private void assertOnTheOpsDlq(String feed, String raw, String reason) {
    assertThat(core.sink.refusedOpsBodies())
        .singleElement()
        .satisfies(
            refused -> {
              assertThat(refused.rejected().format()).isEqualTo(feed);
              assertThat(refused.rejected().raw()).isEqualTo(raw);
              assertThat(refused.rejected().reason()).isEqualTo(reason);
              assertThat(refused.rejected().receivedAt()).isEqualTo(NOW);
              assertThat(refused.propertyId()).isEqualTo("test");
            });
    // Nothing for the beacons' topics, nor for the feed's raw topic.
    assertThat(core.sink.deadLetters()).isEmpty();
    assertThat(core.sink.opsRecords()).isEmpty();
  }

  private double opsRecordsAccepted(String feed) {
    return core.metric(
        "qoe_collector_ops_records_accepted_total{feed=\"" + feed + "\",property=\"test\"}");
  }

  private double opsBytesAccepted(String feed) {
    return core.metric(
        "qoe_collector_ops_bytes_accepted_total{feed=\"" + feed + "\",property=\"test\"}");
  }

  /** Exactly {@code size} bytes of text lines. */
  private static byte[] lines(int size) {
    byte[] text = new byte[size];
    Arrays.fill(text, (byte) 'a');
    for (int i = 99; i < size; i += 100) {
      text[i] = '\n';
    }
    return text;
  }
}
