package dev.openqoe.ingest.core;

import static dev.openqoe.ingest.GzipBodies.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.protocol.RejectedBeacon;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus (issue 20, item 7): every kind of bad request the collector knows, each
 * checked for its status, its error code and reason, and what reached the sink: how many records on
 * the DLQ with which reason, how many beacons stored. The HTTP-level kinds (slow, flooding, h2c)
 * are in HostileConnectionsIT; BadInputCorpusIT sends a part of this corpus over HTTP to Kafka.
 */
class BadInputCorpusTest {

  private static final long NOW = TestCore.NOW;
  private static final String EVENT =
      "{\"v\":1,\"session_id\":\"s-1\",\"seq\":0,\"type\":\"heartbeat\",\"ts\":" + NOW + "}";

  /**
   * One kind of bad input.
   *
   * @param dlq the DLQ records expected: their count, and a text the first one's reason contains
   */
  record Kind(
      String name,
      Endpoint endpoint,
      String feed,
      Supplier<TestExchange> request,
      byte[] body,
      int status,
      String error,
      int deadLetters,
      String dlqReason,
      int stored) {

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Kind> corpus() {
    return Stream.of(
        // Bodies that are not JSON, or not one JSON value.
        beacons(
            "truncated JSON",
            "{\"events\":[{\"v\":1,\"sess",
            400,
            "malformed_json",
            "not valid JSON"),
        beacons("not JSON at all", "hello", 400, "malformed_json", "not valid JSON"),
        beacons("NaN", "{\"v\":NaN}", 400, "malformed_json", "not valid JSON"),
        beacons(
            "leading zero",
            EVENT.replace("\"seq\":0", "\"seq\":01"),
            400,
            "malformed_json",
            "not valid JSON"),
        beacons(
            "raw control character",
            EVENT.replace("s-1", "s\u00011"),
            400,
            "malformed_json",
            "CTRL-CHAR"),
        beacons(
            "deeply nested", "[".repeat(5000) + "]".repeat(5000), 400, "malformed_json", "nesting"),
        beacons(
            "duplicate protocol field",
            EVENT.replace("{", "{\"v\":1,"),
            400,
            "malformed_json",
            "Duplicate field 'v'"),
        beacons(
            "duplicate events",
            "{\"events\":[],\"events\":[]}",
            400,
            "malformed_json",
            "Duplicate field 'events'"),
        beacons(
            "duplicate unknown field",
            EVENT.replace("{", "{\"x\":1,\"x\":2,"),
            400,
            "malformed_json",
            "Duplicate field 'x'"),
        beacons(
            "duplicate custom key",
            withField("custom", "{\"k\":\"a\",\"k\":\"b\"}"),
            400,
            "malformed_json",
            "Duplicate field 'k'"),
        beacons(
            "junk after the object",
            batch(EVENT) + "junk",
            400,
            "malformed_json",
            "data after the end"),
        beacons(
            "two objects",
            batch(EVENT) + batch(EVENT),
            400,
            "malformed_json",
            "data after the end"),
        beacons("object after an event", EVENT + "{}", 400, "malformed_json", "data after the end"),
        // Not UTF-8.
        beaconBytes(
            "stray continuation byte",
            utf8Broken(new byte[] {(byte) 0x80}),
            400,
            "not_utf8",
            "not UTF-8"),
        beaconBytes(
            "truncated sequence",
            utf8Broken(new byte[] {(byte) 0xc3, 'x'}),
            400,
            "not_utf8",
            "not UTF-8"),
        beaconBytes(
            "overlong encoding",
            utf8Broken(new byte[] {(byte) 0xc0, (byte) 0xaf}),
            400,
            "not_utf8",
            "not UTF-8"),
        beaconBytes(
            "encoded surrogate",
            utf8Broken(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}),
            400,
            "not_utf8",
            "not UTF-8"),
        beaconBytes(
            "over U+10FFFF",
            utf8Broken(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
            400,
            "not_utf8",
            "not UTF-8"),
        beaconBytes(
            "Latin-1 text", utf8Broken(new byte[] {(byte) 0xe9}), 400, "not_utf8", "not UTF-8"),
        // Bodies that are JSON but no batch.
        beacons("empty body", "", 400, "no_events", "no events"),
        beacons("whitespace only", " \n ", 400, "no_events", "no events"),
        beacons("array root", "[1,2]", 400, "not_a_batch", "got a JSON array"),
        beacons("string root", "\"x\"", 400, "not_a_batch", "got a JSON string"),
        beacons("number root", "5", 400, "not_a_batch", "got a JSON number"),
        beacons("null root", "null", 400, "not_a_batch", "got a JSON null"),
        beacons("events not an array", "{\"events\":{}}", 400, "not_a_batch", "must be an array"),
        beacons("empty batch", "{\"events\":[]}", 400, "no_events", "no events"),
        // Events the protocol rejects: 400 when none is left, each on the DLQ with its field.
        rejected(
            "wrong types",
            "{\"v\":\"1\",\"session_id\":5,\"seq\":-1,\"type\":true,\"ts\":1.5}",
            "field 'v'"),
        rejected("event not an object", batch("7"), "expected a JSON object, got integer 7"),
        rejected("protocol version 2", EVENT.replace("\"v\":1", "\"v\":2"), "field 'v'"),
        rejected("session id with a space", EVENT.replace("s-1", "s 1"), "field 'session_id'"),
        rejected(
            "session id of 129 characters",
            EVENT.replace("s-1", "s".repeat(129)),
            "field 'session_id'"),
        rejected("unknown event type", EVENT.replace("heartbeat", "explode"), "field 'type'"),
        rejected(
            "seq over 2^53", EVENT.replace("\"seq\":0", "\"seq\":9007199254740992"), "field 'seq'"),
        rejected("seq a fraction", EVENT.replace("\"seq\":0", "\"seq\":0.5"), "field 'seq'"),
        rejected("seq a huge exponent", EVENT.replace("\"seq\":0", "\"seq\":1e400"), "field 'seq'"),
        rejected(
            "future timestamp",
            EVENT.replace("" + NOW, "" + (NOW + 86_400_000L)),
            "ahead of the server clock"),
        rejected("negative timestamp", EVENT.replace("" + NOW, "-5"), "field 'ts'"),
        rejected(
            "timestamp after year 9999", EVENT.replace("" + NOW, "253402300800000"), "field 'ts'"),
        rejected(
            "bitrate change without bitrate",
            EVENT.replace("heartbeat", "bitrate_change"),
            "field 'bitrate_kbps'"),
        rejected("error without code", EVENT.replace("heartbeat", "error"), "field 'error_code'"),
        rejected(
            "error_fatal a string", withField("error_fatal", "\"yes\""), "field 'error_fatal'"),
        rejected(
            "unknown stream type", withField("stream_type", "\"radio\""), "field 'stream_type'"),
        rejected(
            "cmcd beacon without mode", EVENT.replace("heartbeat", "cmcd"), "field 'cmcd_mode'"),
        rejected(
            "text of 100 000 characters",
            withField("asset_id", "\"" + "x".repeat(100_000) + "\""),
            "field 'asset_id': is 100000 characters long"),
        rejected(
            "escaped control character",
            withField("cdn", "\"a\\u0007b\""),
            "contains control characters"),
        rejected(
            "escaped C1 control", withField("cdn", "\"a\\u0085b\""), "contains control characters"),
        rejected("raw C1 control", withField("cdn", "\"a\u0085b\""), "contains control characters"),
        rejected("lone high surrogate", withField("cdn", "\"\\ud800\""), "lone UTF-16 surrogate"),
        rejected("lone low surrogate", withField("cdn", "\"x\\udfff\""), "lone UTF-16 surrogate"),
        rejected("custom not an object", withField("custom", "[1]"), "field 'custom'"),
        rejected("11 custom entries", withField("custom", customEntries(11)), "has 11 entries"),
        rejected(
            "custom key of 65 characters",
            withField("custom", "{\"" + "k".repeat(65) + "\":\"v\"}"),
            "field 'custom': keys must be"),
        rejected("custom value a number", withField("custom", "{\"k\":1}"), "field 'custom.k'"),
        rejected("65 unknown fields", unknownFields(65), "65 fields protocol v1 does not know"),
        // Whole requests refused before their body is read: nothing stored.
        beacons(
            "10 000 events",
            "{\"events\":[" + String.join(",", Collections.nCopies(10_000, "{}")) + "]}",
            413,
            "too_many_events",
            null),
        beacons("501 valid events", validBatch(501), 413, "too_many_events", null),
        beacons(
            "body over 256 KiB",
            "{\"pad\":\"" + "x".repeat(300_000) + "\"}",
            413,
            "body_too_large",
            null),
        kind(
            "gzip that is not gzip",
            Endpoint.BEACONS,
            null,
            () -> gzipPost(),
            bytes("{\"events\":[]}"),
            400,
            "malformed_gzip",
            1,
            "not valid gzip",
            0),
        kind(
            "truncated gzip",
            Endpoint.BEACONS,
            null,
            () -> gzipPost(),
            truncate(gzip(bytes(batch(EVENT)))),
            400,
            "malformed_gzip",
            1,
            "not valid gzip",
            0),
        kind(
            "gzip bomb",
            Endpoint.BEACONS,
            null,
            () -> gzipPost(),
            gzip(new byte[10_000_000]),
            413,
            "body_too_large",
            0,
            null,
            0),
        kind(
            "declared length over the limit",
            Endpoint.BEACONS,
            null,
            () -> TestCore.beaconPost().header(RequestHeader.CONTENT_LENGTH, "999999999"),
            bytes(EVENT),
            413,
            "body_too_large",
            0,
            null,
            0),
        kind(
            "XML content type",
            Endpoint.BEACONS,
            null,
            () -> TestCore.beaconPost().header(RequestHeader.CONTENT_TYPE, "application/xml"),
            bytes("<a/>"),
            415,
            "unsupported_media_type",
            0,
            null,
            0),
        kind(
            "form content type",
            Endpoint.BEACONS,
            null,
            () ->
                TestCore.beaconPost()
                    .header(RequestHeader.CONTENT_TYPE, "application/x-www-form-urlencoded"),
            bytes(EVENT),
            415,
            "unsupported_media_type",
            0,
            null,
            0),
        kind(
            "brotli encoding",
            Endpoint.BEACONS,
            null,
            () -> TestCore.beaconPost().header(RequestHeader.CONTENT_ENCODING, "br"),
            bytes(EVENT),
            415,
            "unsupported_encoding",
            0,
            null,
            0),
        kind(
            "unknown key",
            Endpoint.BEACONS,
            null,
            () -> TestCore.beaconPost().header(RequestHeader.KEY, "guessed"),
            bytes(EVENT),
            401,
            "unknown_ingest_key",
            0,
            null,
            0),
        kind(
            "no key",
            Endpoint.BEACONS,
            null,
            () -> new TestExchange("POST"),
            bytes(EVENT),
            401,
            "unknown_ingest_key",
            0,
            null,
            0),
        kind(
            "origin not allowed",
            Endpoint.BEACONS,
            null,
            () -> TestCore.beaconPost().header(RequestHeader.ORIGIN, "https://evil.example"),
            bytes(EVENT),
            403,
            "origin_not_allowed",
            0,
            null,
            0),
        kind(
            "wrong method",
            Endpoint.BEACONS,
            null,
            () -> new TestExchange("PUT").header(RequestHeader.KEY, TestCore.KEY),
            bytes(EVENT),
            405,
            "method_not_allowed",
            0,
            null,
            0),
        // Delivery-chain bodies.
        kind(
            "ops: empty body",
            Endpoint.OPS,
            "drm",
            TestCore::opsPost,
            new byte[0],
            400,
            "empty_body",
            1,
            "body is empty",
            0),
        kind(
            "ops: not UTF-8",
            Endpoint.OPS,
            "drm",
            TestCore::opsPost,
            new byte[] {'{', (byte) 0xff, '}'},
            400,
            "not_utf8",
            1,
            "not UTF-8",
            0),
        kind(
            "ops: gzip without its header",
            Endpoint.OPS,
            "cdn",
            TestCore::opsPost,
            gzip(bytes("{}")),
            400,
            "not_utf8",
            1,
            "looks gzip-compressed",
            0),
        kind(
            "ops: player key",
            Endpoint.OPS,
            "drm",
            () -> TestCore.opsPost().header(RequestHeader.KEY, TestCore.KEY),
            bytes("{}"),
            401,
            "unknown_ops_key",
            0,
            null,
            0),
        kind(
            "ops: unknown feed",
            Endpoint.OPS,
            "akamai",
            TestCore::opsPost,
            bytes("{}"),
            404,
            "unknown_feed",
            0,
            null,
            0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void answersEachKindWithItsStatusReasonAndDeadLetters(Kind kind) {
    TestCore core = new TestCore();
    TestExchange request = kind.request().get();
    if (kind.endpoint() == Endpoint.OPS) {
      core.sendOps(kind.feed(), request, kind.body());
    } else {
      core.send(kind.endpoint(), request, kind.body());
    }
    IngestAnswer answer = TestCore.onlyAnswer(request);
    JsonNode json = TestCore.json(answer);

    assertThat(answer.status()).as(kind.name() + ": " + json).isEqualTo(kind.status());
    assertThat(json.path("error").asText()).isEqualTo(kind.error());
    assertThat(json.path("reason").asText()).isNotBlank();
    List<String> deadLetters =
        Stream.concat(
                core.sink.deadLetters().stream().map(RejectedBeacon::reason),
                core.sink.refusedOpsBodies().stream().map(refused -> refused.rejected().reason()))
            .toList();
    assertThat(deadLetters).as(kind.name() + ": on the DLQ").hasSize(kind.deadLetters());
    if (kind.dlqReason() != null) {
      assertThat(deadLetters.get(0)).contains(kind.dlqReason());
      if (kind.status() == 400 && !kind.error().equals("no_valid_events")) {
        // A body refused whole: the answer gives the DLQ record's reason.
        assertThat(json.path("reason").asText()).isEqualTo(deadLetters.get(0));
      }
    }
    assertThat(core.sink.beacons()).hasSize(kind.stored());
    assertThat(core.sink.opsRecords()).isEmpty();
  }

  @Test
  void holdsAtLeastFiftyKinds() {
    assertThat(corpus().map(Kind::name).distinct().count()).isGreaterThanOrEqualTo(50);
  }

  @Test
  void aBatchWithSomeBadEventsStoresTheGoodOnesAndKeepsTheBadOnTheDlq() {
    TestCore core = new TestCore();
    IngestAnswer answer =
        core.postBeacons(
            batch(EVENT, EVENT.replace("\"v\":1", "\"v\":2"), withField("cdn", "\"\\ud800\"")));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(TestCore.json(answer).path("rejected").asInt()).isEqualTo(2);
    assertThat(core.sink.beacons()).hasSize(1);
    assertThat(core.sink.deadLetters())
        .extracting(RejectedBeacon::batchIndex)
        .containsExactly(1, 2);
  }

  private static Kind beacons(
      String name, String body, int status, String error, String dlqReason) {
    return beaconBytes(name, bytes(body), status, error, dlqReason);
  }

  private static Kind beaconBytes(
      String name, byte[] body, int status, String error, String dlqReason) {
    return kind(
        name,
        Endpoint.BEACONS,
        null,
        TestCore::beaconPost,
        body,
        status,
        error,
        dlqReason == null ? 0 : 1,
        dlqReason,
        0);
  }

  /** An event the protocol rejects, sent alone: 400 no_valid_events, the event on the DLQ. */
  private static Kind rejected(String name, String event, String dlqReason) {
    return kind(
        name,
        Endpoint.BEACONS,
        null,
        TestCore::beaconPost,
        bytes(event),
        400,
        "no_valid_events",
        1,
        dlqReason,
        0);
  }

  private static Kind kind(
      String name,
      Endpoint endpoint,
      String feed,
      Supplier<TestExchange> request,
      byte[] body,
      int status,
      String error,
      int deadLetters,
      String dlqReason,
      int stored) {
    return new Kind(
        name, endpoint, feed, request, body, status, error, deadLetters, dlqReason, stored);
  }

  private static TestExchange gzipPost() {
    return TestCore.beaconPost().header(RequestHeader.CONTENT_ENCODING, "gzip");
  }

  private static String withField(String name, String json) {
    return EVENT.replace("}", ",\"" + name + "\":" + json + "}");
  }

  private static String customEntries(int count) {
    StringJoiner entries = new StringJoiner(",", "{", "}");
    for (int i = 0; i < count; i++) {
      entries.add("\"k" + i + "\":\"v\"");
    }
    return entries.toString();
  }

  private static String unknownFields(int count) {
    StringBuilder event = new StringBuilder(EVENT.substring(0, EVENT.length() - 1));
    for (int i = 0; i < count; i++) {
      event.append(",\"X").append(i).append("\":0");
    }
    return event.append('}').toString();
  }

  private static String validBatch(int count) {
    StringJoiner events = new StringJoiner(",", "{\"events\":[", "]}");
    for (int i = 0; i < count; i++) {
      events.add(EVENT.replace("\"seq\":0", "\"seq\":" + i));
    }
    return events.toString();
  }

  private static String batch(String... events) {
    return "{\"events\":[" + String.join(",", events) + "]}";
  }

  /** A one-event batch whose asset_id holds {@code sequence}. */
  private static byte[] utf8Broken(byte[] sequence) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(bytes(EVENT.replace("}", ",\"asset_id\":\"")));
    body.writeBytes(sequence);
    body.writeBytes(bytes("\"}"));
    return body.toByteArray();
  }

  private static byte[] truncate(byte[] bytes) {
    return java.util.Arrays.copyOf(bytes, bytes.length - 6);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
