package dev.openqoe.ingest;

import static dev.openqoe.ingest.GzipBodies.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.ops.OpsRejected;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/ops/<feed>} against the real broker: each body is one raw record of its feed,
 * byte for byte as sent (after gzip), without a key, with the property in the qoe-property header;
 * refused bodies on qoe.ops.dlq.
 */
class OpsFeedIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** CloudFront's standard log header, with the 33 fields its documentation lists. */
  private static final String CLOUDFRONT_HEADER =
      "#Version: 1.0\n"
          + "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem"
          + " sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type"
          + " x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for"
          + " ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status"
          + " fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type"
          + " sc-content-type sc-content-len sc-range-start sc-range-end\n";

  private static TestCollector collector;
  private static TopicReader<byte[]> cloudfront;
  private static TopicReader<byte[]> drm;
  private static TopicReader<OpsRejected> opsDlq;

  @BeforeAll
  static void start() {
    collector = TestCollector.start();
    String bootstrap = SharedKafka.get().bootstrapServers();
    cloudfront = new TopicReader<>(bootstrap, QoeTopics.OPS_RAW_CLOUDFRONT);
    drm = new TopicReader<>(bootstrap, QoeTopics.OPS_RAW_DRM);
    opsDlq = new TopicReader<>(bootstrap, QoeTopics.OPS_DLQ);
  }

  @AfterAll
  static void stop() {
    cloudfront.close();
    drm.close();
    opsDlq.close();
    collector.close();
  }

  @Test
  void storesAGzippedCloudFrontLogFileAsOneRawRecordByteForByte() throws Exception {
    String requestId = UUID.randomUUID().toString();
    byte[] file =
        (CLOUDFRONT_HEADER
                + cloudFrontLine("21:02:31", "/video/chunk-1-00002.m4s", "200", requestId)
                + cloudFrontLine("21:02:33", "/video/chunk-1-00003.m4s", "504", requestId))
            .getBytes(StandardCharsets.UTF_8);
    long before = System.currentTimeMillis();

    HttpResponse<String> response =
        post("/v1/ops/cloudfront", "text/plain", gzip(file), true, TestCollector.OPS_KEY);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()))
        .isEqualTo(
            JSON.readTree("{\"stored\":1,\"bytes\":" + file.length + ",\"feed\":\"cloudfront\"}"));
    ConsumerRecord<String, byte[]> record =
        cloudfront.await(1, r -> text(r.value()).contains(requestId)).get(0);
    assertThat(record.value()).isEqualTo(file);
    assertThat(record.key()).isNull();
    assertThat(propertyOf(record)).isEqualTo("test");
    assertThat(record.timestamp()).isBetween(before, System.currentTimeMillis());
  }

  @Test
  void storesADrmJsonArrayAsOneRawRecordByteForByte() throws Exception {
    String contentId = "asset-" + UUID.randomUUID();
    byte[] array =
        ("[\n"
                + " {\"time\": \"2026-12-05T10:00:00.250Z\", \"drm_system\": \"widevine\","
                + " \"outcome\": \"denied\", \"content_id\": \""
                + contentId
                + "\", \"error_code\": \"LICENSE_EXPIRED\", \"latency_ms\": 48,"
                + " \"region\": \"eu-west-1\"},\n"
                + " {\"time\": 1796464800500, \"drm_system\": \"fairplay\", \"outcome\":"
                + " \"granted\", \"content_id\": \""
                + contentId
                + "\", \"latency_ms\": 31, \"region\": \"sa-east-1\", \"note\": \"d\u00e9j\u00e0\"}\n"
                + "]")
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response =
        post("/v1/ops/drm", "application/json", array, false, TestCollector.OPS_KEY);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.get("bytes").asInt()).isEqualTo(array.length);
    assertThat(answer.get("feed").asText()).isEqualTo("drm");
    ConsumerRecord<String, byte[]> record =
        drm.await(1, r -> text(r.value()).contains(contentId)).get(0);
    assertThat(record.value()).isEqualTo(array);
    assertThat(record.key()).isNull();
    assertThat(propertyOf(record)).isEqualTo("test");
  }

  @Test
  void storesABodyOfTheFullLimitInOneKafkaRecord() throws Exception {
    String requestId = UUID.randomUUID().toString();
    String line = cloudFrontLine("21:02:31", "/video/chunk-1-00002.m4s", "200", requestId);
    StringBuilder log = new StringBuilder(CLOUDFRONT_HEADER);
    int limit = CollectorConfig.DEFAULTS.maxOpsBodyBytes();
    while (log.length() + line.length() <= limit) {
      log.append(line);
    }
    log.append("#".repeat(limit - log.length() - 1)).append('\n');
    byte[] file = log.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(file).hasSize(limit);

    HttpResponse<String> stored =
        post("/v1/ops/cloudfront", "text/plain", file, false, TestCollector.OPS_KEY);
    HttpResponse<String> tooLarge =
        post(
            "/v1/ops/cloudfront",
            "text/plain",
            Arrays.copyOf(file, limit + 1),
            false,
            TestCollector.OPS_KEY);

    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(cloudfront.await(1, r -> text(r.value()).contains(requestId)).get(0).value().length)
        .isEqualTo(limit);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(tooLarge.body()).get("reason").asText())
        .endsWith("split the batch into smaller requests");
  }

  @Test
  void refusesABodyThatIsNotUtf8AndKeepsItOnTheOpsDlq() throws Exception {
    String marker = "latin1-" + UUID.randomUUID();
    byte[] latin1 = (marker + " caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);

    HttpResponse<String> response =
        post("/v1/ops/cdn", "application/x-ndjson", latin1, false, TestCollector.OPS_KEY);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.get("error").asText()).isEqualTo("not_utf8");
    assertThat(answer.get("reason").asText())
        .contains("byte 0xE9 at byte offset " + (marker.length() + 4) + " (line 1)");
    ConsumerRecord<String, OpsRejected> rejected =
        opsDlq.await(1, r -> r.value().raw().contains(marker)).get(0);
    assertThat(rejected.key()).isEqualTo("cdn");
    assertThat(rejected.value().format()).isEqualTo("cdn");
    assertThat(rejected.value().reason()).isEqualTo(answer.get("reason").asText());
    assertThat(propertyOf(rejected)).isEqualTo("test");
  }

  @Test
  void answersUnknownFeedsAndOtherMethodsWithoutStoringAnything() throws Exception {
    HttpResponse<String> unknown =
        post("/v1/ops/akamai", "text/plain", bytes("x\n"), false, TestCollector.OPS_KEY);
    HttpResponse<String> nested =
        post("/v1/ops/cdn/extra", "text/plain", bytes("x\n"), false, TestCollector.OPS_KEY);
    HttpResponse<String> preflight =
        collector.send(
            HttpRequest.newBuilder(URI.create(collector.url("/v1/ops/cdn")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", TestCollector.ORIGIN)
                .header("Access-Control-Request-Method", "POST"));
    HttpResponse<String> noKey = post("/v1/ops/cdn", "text/plain", bytes("x\n"), false, null);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("reason").asText())
        .isEqualTo(
            "no delivery-chain feed 'akamai': POST to /v1/ops/<feed>, where <feed> is one of"
                + " cloudfront, cloudfront-realtime, cdn, mediaconvert, transcode, drm");
    assertThat(nested.statusCode()).isEqualTo(404);
    assertThat(preflight.statusCode()).isEqualTo(405);
    assertThat(preflight.headers().firstValue("Allow")).hasValue("POST");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(noKey.statusCode()).isEqualTo(401);
    String metrics = collector.get("/metrics").body();
    assertThat(metrics)
        .contains("qoe_collector_requests_total{endpoint=\"ops\",status=\"404\"}")
        .contains("qoe_collector_requests_total{endpoint=\"ops\",status=\"405\"}")
        .contains("qoe_collector_requests_rejected_total{reason=\"unknown_feed\"}");
  }

  private static HttpResponse<String> post(
      String path, String contentType, byte[] body, boolean gzipped, String key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(collector.url(path)))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzipped) {
      request.header("Content-Encoding", "gzip");
    }
    if (key != null) {
      request.header("X-QoE-Key", key);
    }
    return collector.send(request);
  }

  /** A line of CloudFront's documentation example, with its time, path, status and request id. */
  private static String cloudFrontLine(String time, String path, String status, String id) {
    return String.join(
            "\t",
            "2019-12-04",
            time,
            "LAX1",
            "392",
            "192.0.2.100",
            "GET",
            "d111111abcdef8.cloudfront.net",
            path,
            status,
            "-",
            "Mozilla/5.0%20(X11;%20Linux%20x86_64)",
            "-",
            "-",
            "Hit",
            id,
            "d111111abcdef8.cloudfront.net",
            "https",
            "23",
            "0.125",
            "-",
            "TLSv1.2",
            "ECDHE-RSA-AES128-GCM-SHA256",
            "Hit",
            "HTTP/2.0",
            "-",
            "-",
            "11040",
            "0.012",
            "Hit",
            "video/mp4",
            "78",
            "-",
            "-")
        + "\n";
  }

  private static String propertyOf(ConsumerRecord<?, ?> record) {
    Header header = record.headers().lastHeader(OpsFeed.PROPERTY_HEADER);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String text(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
