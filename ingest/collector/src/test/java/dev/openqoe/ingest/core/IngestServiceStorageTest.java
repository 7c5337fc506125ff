package dev.openqoe.ingest.core;

import static dev.openqoe.ingest.GzipBodies.gzip;
import static dev.openqoe.ingest.core.IngestServiceAdmissionTest.assertRefusal;
import static dev.openqoe.ingest.core.TestCore.NOW;
import static dev.openqoe.ingest.core.TestCore.batch;
import static dev.openqoe.ingest.core.TestCore.beaconPost;
import static dev.openqoe.ingest.core.TestCore.event;
import static dev.openqoe.ingest.core.TestCore.json;
import static dev.openqoe.ingest.core.TestCore.onlyAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.Receipt;
import dev.openqoe.protocol.RejectedBeacon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * What the core stores for a request's body, and its answer once the sink acknowledged, failed or
 * kept it waiting past the response timeout.
 */
class IngestServiceStorageTest {

  private static final String FIREFOX =
      "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

  private final TestCore core = new TestCore();

  @Test
  void storesEveryEventOfAValidBatchInOrderWithTheRequestsReceipt() {
    TestExchange request = beaconPost().header(RequestHeader.USER_AGENT, FIREFOX);

    IngestAnswer answer =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                request,
                batch(
                    event("s-1", 0, "play_request"),
                    event("s-1", 1, "first_frame"),
                    event("s-1", 2, "end"))));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers()).isEmpty();
    assertThat(new String(answer.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"accepted\":3,\"rejected\":0,\"errors\":[]}");
    assertThat(core.sink.batches()).hasSize(1);
    assertThat(core.sink.beacons())
        .extracting(beacon -> beacon.event().type())
        .containsExactly(EventType.PLAY_REQUEST, EventType.FIRST_FRAME, EventType.END);
    Receipt receipt = core.sink.beacons().get(0).receipt();
    assertThat(core.sink.beacons()).extracting(IngestedBeacon::receipt).containsOnly(receipt);
    assertThat(receipt.receivedAt()).isEqualTo(NOW);
    assertThat(receipt.propertyId()).isEqualTo("test");
    assertThat(receipt.source()).isEqualTo(IngestSource.BEACON);
    assertThat(receipt.clientIp()).isEqualTo("198.51.100.0");
    assertThat(receipt.browser()).isEqualTo("Firefox");
    assertThat(receipt.browserVersion()).isEqualTo("128.0");
    assertThat(receipt.os()).isEqualTo("Ubuntu");
    assertThat(receipt.country()).isNull();
    assertThat(
            core.metric("qoe_collector_events_accepted_total{property=\"test\",source=\"beacon\"}"))
        .isEqualTo(3);
    assertThat(core.metric("qoe_collector_kafka_ack_duration_seconds_count")).isEqualTo(1);
    assertThat(core.deadlines.pending()).isZero();
  }

  @Test
  void storesOneEventSentAlone() {
    IngestAnswer answer = core.postBeacons(event("s-1", 0, "heartbeat"));

    assertThat(json(answer)).isEqualTo(json("{\"accepted\":1,\"rejected\":0,\"errors\":[]}"));
    assertThat(core.sink.beacons()).hasSize(1);
  }

  @Test
  void rendersTheAllAcceptedAnswerOncePerEventCount() {
    IngestAnswer first = core.postBeacons(event("s-1", 0, "heartbeat"));
    IngestAnswer second = core.postBeacons(event("s-2", 0, "heartbeat"));
    IngestAnswer withOrigin =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                beaconPost().header(RequestHeader.ORIGIN, TestCore.ORIGIN),
                event("s-3", 0, "heartbeat")));

    assertThat(second).isSameAs(first);
    assertThat(withOrigin.body()).isSameAs(first.body());
    assertThat(withOrigin.allowedOrigin()).isEqualTo(TestCore.ORIGIN);
  }

  @Test
  void storesTheGoodEventsOfABatchAndSendsTheBadOnesToTheDlqWithReasons() {
    String badTs = "{\"v\":1,\"session_id\":\"s-1\",\"seq\":1,\"type\":\"pause\",\"ts\":\"now\"}";
    TestExchange request = beaconPost().header(RequestHeader.USER_AGENT, FIREFOX);

    IngestAnswer answer =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                request,
                batch(
                    event("s-1", 0, "play_request"),
                    badTs,
                    "{\"v\":2}",
                    event("s-1", 3, "pause"))));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = json(answer);
    assertThat(body.get("accepted").asInt()).isEqualTo(2);
    assertThat(body.get("rejected").asInt()).isEqualTo(2);
    assertThat(body.has("error")).isFalse();
    assertThat(body.get("errors")).hasSize(2);
    assertThat(body.get("errors").get(0).get("index").asInt()).isEqualTo(1);
    assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("ts");
    assertThat(body.get("errors").get(0).get("reason").asText()).contains("must be an integer");
    assertThat(body.get("errors").get(1).get("index").asInt()).isEqualTo(2);
    assertThat(body.get("errors").get(1).get("reason").asText()).contains("protocol version");
    // One batch, in the order of the body: the answer waits for the DLQ records too.
    assertThat(core.sink.batches()).hasSize(1);
    assertThat(core.sink.records())
        .extracting(record -> record.getClass().getSimpleName())
        .containsExactly("IngestedBeacon", "RejectedBeacon", "RejectedBeacon", "IngestedBeacon");
    assertThat(core.sink.beacons()).extracting(b -> b.event().seq()).containsExactly(0L, 3L);
    RejectedBeacon rejected = core.sink.deadLetters().get(0);
    assertThat(rejected.payload()).isEqualTo(badTs);
    assertThat(rejected.field()).isEqualTo("ts");
    assertThat(rejected.reason()).contains("must be an integer");
    assertThat(rejected.batchIndex()).isEqualTo(1);
    assertThat(rejected.propertyId()).isEqualTo("test");
    assertThat(rejected.receivedAt()).isEqualTo(NOW);
    assertThat(rejected.source()).isEqualTo(IngestSource.BEACON);
    assertThat(rejected.clientIp()).isEqualTo("198.51.100.0");
    assertThat(rejected.userAgent()).isEqualTo(FIREFOX);
    assertThat(core.sink.deadLetters().get(1).payload()).isEqualTo("{\"v\":2}");
    assertThat(
            core.metric(
                "qoe_collector_events_rejected_total{property=\"test\",reason=\"invalid_ts\"}"))
        .isEqualTo(1);
    assertThat(
            core.metric("qoe_collector_events_accepted_total{property=\"test\",source=\"beacon\"}"))
        .isEqualTo(2);
  }

  @Test
  void countsRejectedEventsUnderReasonsThatHoldNoClientInput() {
    core.postBeacons(
        batch(
            event("s-1", 0, "heartbeat").replace("}", ",\"custom\":{\"mine\":[1]}}"),
            "7",
            event("s-1", 1, "heartbeat").replace("\"ts\"", "\"ts\":1,\"x\"")));

    assertThat(
            core.metric(
                "qoe_collector_events_rejected_total{property=\"test\",reason=\"invalid_custom\"}"))
        .isEqualTo(1);
    assertThat(
            core.metric(
                "qoe_collector_events_rejected_total{property=\"test\",reason=\"invalid_event\"}"))
        .isEqualTo(1);
  }

  @Test
  void answers400WithTheReasonsWhenEveryEventIsRejectedAndKeepsThemOnTheDlq() {
    IngestAnswer answer = core.postBeacons("{\"v\":1,\"session_id\":\"x y\"}");

    assertThat(answer.status()).isEqualTo(400);
    JsonNode body = json(answer);
    assertThat(body.get("error").asText()).isEqualTo("no_valid_events");
    assertThat(body.get("accepted").asInt()).isZero();
    assertThat(body.get("rejected").asInt()).isEqualTo(1);
    assertThat(body.get("errors").get(0).get("index").asInt()).isZero();
    assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("session_id");
    assertThat(core.sink.beacons()).isEmpty();
    assertThat(core.sink.deadLetters())
        .singleElement()
        .satisfies(
            rejected -> {
              assertThat(rejected.payload()).isEqualTo("{\"v\":1,\"session_id\":\"x y\"}");
              assertThat(rejected.field()).isEqualTo("session_id");
              assertThat(rejected.batchIndex()).isZero();
            });
    assertThat(core.rejectedRequests("no_valid_events")).isEqualTo(1);
  }

  @Test
  void refusesMalformedJsonWith400AndKeepsTheWholeBodyOnTheDlq() {
    String truncated = "{\"events\":[{\"v\":1,\"sess";

    IngestAnswer answer = core.postBeacons(truncated);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(json(answer).get("error").asText()).isEqualTo("malformed_json");
    assertThat(json(answer).get("reason").asText()).startsWith("body is not valid JSON: ");
    assertWholeBodyOnTheDlq(truncated, json(answer).get("reason").asText());
    assertThat(core.rejectedRequests("malformed_json")).isEqualTo(1);
  }

  @Test
  void refusesDuplicateKeysAsMalformedJson() {
    IngestAnswer answer =
        core.postBeacons(
            "{\"v\":1,\"v\":1,\"session_id\":\"a\",\"seq\":0,\"type\":\"end\",\"ts\":1}");

    assertThat(json(answer).get("error").asText()).isEqualTo("malformed_json");
  }

  @Test
  void refusesJsonThatIsNoBatchWith400AndKeepsItOnTheDlq() {
    IngestAnswer array = core.postBeacons("[1,2]");
    IngestAnswer eventsObject = core.postBeacons("{\"events\":{}}");

    assertRefusal(
        array,
        400,
        "not_a_batch",
        "expected {\\\"events\\\": [...]} or one event object, got a JSON array");
    assertRefusal(eventsObject, 400, "not_a_batch", "\\\"events\\\" must be an array of events");
    assertThat(core.sink.deadLetters())
        .extracting(RejectedBeacon::payload)
        .containsExactly("[1,2]", "{\"events\":{}}");
    assertThat(core.rejectedRequests("not_a_batch")).isEqualTo(2);
  }

  @Test
  void refusesAnEmptyBodyOrBatchWith400AndKeepsItOnTheDlq() {
    IngestAnswer empty = core.postBeacons("");
    IngestAnswer emptyBatch = core.postBeacons("{\"events\":[]}");

    assertRefusal(empty, 400, "no_events", "the request holds no events");
    assertRefusal(emptyBatch, 400, "no_events", "the request holds no events");
    assertThat(core.sink.deadLetters())
        .extracting(RejectedBeacon::payload)
        .containsExactly("", "{\"events\":[]}");
    assertThat(core.sink.beacons()).isEmpty();
    assertThat(core.rejectedRequests("no_events")).isEqualTo(2);
  }

  @Test
  void refusesABodyThatIsNotGzipWith400AndKeepsItOnTheDlqAsReceived() {
    byte[] notGzip = {31, -117, 8, 0, 1, 2, 3};

    IngestAnswer answer =
        onlyAnswer(
            core.send(
                Endpoint.BEACONS,
                beaconPost().header(RequestHeader.CONTENT_ENCODING, "gzip"),
                notGzip));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(json(answer).get("error").asText()).isEqualTo("malformed_gzip");
    assertThat(json(answer).get("reason").asText()).startsWith("body is not valid gzip: ");
    assertWholeBodyOnTheDlq(
        new String(notGzip, StandardCharsets.UTF_8), json(answer).get("reason").asText());
    assertThat(core.rejectedRequests("malformed_gzip")).isEqualTo(1);
  }

  @Test
  void answersAnUnreadableBodyWithoutWaitingForTheDlq() {
    core.sink.hold();

    IngestAnswer answer = core.postBeacons("hello");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(core.sink.deadLetters()).hasSize(1);
    assertThat(core.deadlines.pending()).isZero();
  }

  @Test
  void refusesMoreEventsThanTheBatchLimitWith413AndStoresNothing() {
    String events =
        batch(Collections.nCopies(501, event("s-1", 0, "heartbeat")).toArray(String[]::new));

    IngestAnswer answer = core.postBeacons(events);

    assertRefusal(
        answer,
        413,
        "too_many_events",
        "the request holds 501 events, at most 500 are allowed per request");
    assertThat(core.sink.batches()).isEmpty();
    assertThat(core.rejectedRequests("too_many_events")).isEqualTo(1);
  }

  @Test
  void answers503WithRetryAfterWhenTheSinkFails() {
    core.sink.failWith(new IllegalStateException("broker down"));

    IngestAnswer answer = core.postBeacons(event("s-1", 0, "heartbeat"));

    assertRefusal(answer, 503, "kafka_unavailable", "events could not be stored: broker down");
    assertThat(answer.headers()).containsExactly(new AnswerHeader("Retry-After", "5"));
    assertThat(core.rejectedRequests("kafka_unavailable")).isEqualTo(1);
    assertThat(
            core.metric("qoe_collector_events_accepted_total{property=\"test\",source=\"beacon\"}"))
        .isZero();
    assertThat(core.deadlines.pending()).isZero();
  }

  @Test
  void answers503WithRetryAfterWhenTheSinkDoesNotAcknowledgeInTime() {
    TestCore slow = new TestCore("--response-timeout-ms=1500", "--retry-after-seconds=7");
    slow.sink.hold();
    TestExchange request = slow.send(Endpoint.BEACONS, beaconPost(), event("s-1", 0, "heartbeat"));
    assertThat(request.answers()).isEmpty();

    slow.deadlines.passAll();
    // Acknowledged after all: the request keeps its one answer.
    slow.sink.acknowledgeHeld();

    IngestAnswer answer = onlyAnswer(request);
    assertRefusal(answer, 503, "kafka_timeout", "Kafka did not acknowledge within 1500 ms");
    assertThat(answer.headers()).containsExactly(new AnswerHeader("Retry-After", "7"));
    assertThat(slow.rejectedRequests("kafka_timeout")).isEqualTo(1);
    // Kafka stored the events in the end, and the metrics say so.
    assertThat(
            slow.metric("qoe_collector_events_accepted_total{property=\"test\",source=\"beacon\"}"))
        .isEqualTo(1);
  }

  @Test
  void answersOnceWhenTheSinkFailsAfterTheTimeout() {
    core.sink.hold();
    TestExchange request = core.send(Endpoint.BEACONS, beaconPost(), event("s-1", 0, "heartbeat"));

    core.deadlines.passAll();
    core.sink.failHeld(new IllegalStateException("too late"));

    assertThat(onlyAnswer(request).status()).isEqualTo(503);
    assertThat(core.rejectedRequests("kafka_timeout")).isEqualTo(1);
    assertThat(core.rejectedRequests("kafka_unavailable")).isZero();
  }

  @Test
  void answersOnlyOnceTheSinkAcknowledgedAndThenForgetsTheDeadline() {
    core.sink.hold();
    TestExchange request = core.send(Endpoint.BEACONS, beaconPost(), event("s-1", 0, "heartbeat"));
    assertThat(request.answers()).isEmpty();
    assertThat(core.deadlines.pending()).isEqualTo(1);

    core.sink.acknowledgeHeld();
    core.deadlines.passAll();

    assertThat(onlyAnswer(request).status()).isEqualTo(200);
    assertThat(core.rejectedRequests("kafka_timeout")).isZero();
  }

  @Test
  void writesNoAnswerForAClientThatWentAwayButCountsWhatWasStored() {
    core.sink.hold();
    TestExchange request = core.send(Endpoint.BEACONS, beaconPost(), event("s-1", 0, "heartbeat"));

    request.clientGoesAway();
    core.sink.acknowledgeHeld();
    core.deadlines.passAll();

    assertThat(request.answers()).isEmpty();
    assertThat(
            core.metric("qoe_collector_events_accepted_total{property=\"test\",source=\"beacon\"}"))
        .isEqualTo(1);
  }

  @Test
  void readsNothingOfABodyWhoseClientWentAway() throws IOException {
    TestExchange request = beaconPost();
    AdmittedRequest admitted = core.service.admit(Endpoint.BEACONS, request);

    request.clientGoesAway();

    assertThat(admitted.accepts(10)).isFalse();
    admitted.received(gzip(event("s-1", 0, "end").getBytes(StandardCharsets.UTF_8)));
    assertThat(request.answers()).isEmpty();
    assertThat(core.sink.batches()).isEmpty();
  }

  private void assertWholeBodyOnTheDlq(String payload, String reason) {
    assertThat(core.sink.beacons()).isEmpty();
    assertThat(core.sink.deadLetters())
        .singleElement()
        .satisfies(
            rejected -> {
              assertThat(rejected.payload()).isEqualTo(payload);
              assertThat(rejected.reason()).isEqualTo(reason);
              assertThat(rejected.field()).isNull();
              assertThat(rejected.batchIndex()).isNull();
              assertThat(rejected.propertyId()).isEqualTo("test");
              assertThat(rejected.receivedAt()).isEqualTo(NOW);
              assertThat(rejected.source()).isEqualTo(IngestSource.BEACON);
              assertThat(rejected.clientIp()).isEqualTo("198.51.100.0");
            });
  }
}
