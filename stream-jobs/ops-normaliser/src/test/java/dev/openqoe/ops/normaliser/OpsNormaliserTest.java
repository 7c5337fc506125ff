package dev.openqoe.ops.normaliser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsRejected;
import dev.openqoe.ops.OpsSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsNormaliserTest {

  private static final Instant RECEIVED = Instant.parse("2026-12-05T10:00:00Z");

  private static final String CLOUDFRONT_HEADER =
      "#Version: 1.0\n"
          + "#Fields: date time x-edge-location sc-bytes c-ip cs-uri-stem sc-status"
          + " x-edge-result-type time-taken cs-uri-query\n";

  private TopologyTestDriver driver;
  private TestOutputTopic<String, OpsEvent> events;
  private TestOutputTopic<String, OpsRejected> dlq;

  @BeforeEach
  void start() {
    StreamsBuilder builder = new StreamsBuilder();
    OpsNormaliser.buildTopology(builder);
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "ops-normaliser-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    driver = new TopologyTestDriver(builder.build(), config);
    events =
        driver.createOutputTopic(
            QoeTopics.OPS_EVENTS.name(),
            QoeTopics.OPS_EVENTS.keySerde().deserializer(),
            QoeTopics.OPS_EVENTS.valueSerde().deserializer());
    dlq =
        driver.createOutputTopic(
            QoeTopics.OPS_DLQ.name(),
            QoeTopics.OPS_DLQ.keySerde().deserializer(),
            QoeTopics.OPS_DLQ.valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void aCloudFrontFileBecomesOneEventPerLineKeyedByEdgeAndItsBadLineGoesToTheDlq() {
    send(
        QoeTopics.OPS_RAW_CLOUDFRONT,
        CLOUDFRONT_HEADER
            + "2026-12-05\t09:59:58\tFRA56-P1\t5000\t192.0.2.7\t/v/1.m4s\t200\tHit\t0.010\t-\n"
            + "2026-12-05\t09:59:59\tFRA56-P1\t5000\t192.0.2.7\t/v/2.m4s\tOK\tHit\t0.010\t-\n"
            + "2026-12-05\t09:59:59\tLAX1\t0\t192.0.2.8\t/v/2.m4s\t503\tError\t0.500\t-\n");

    List<KeyValue<String, OpsEvent>> read = events.readKeyValuesToList();
    assertThat(read)
        .extracting(kv -> kv.key, kv -> kv.value.cdnRequest().statusCode())
        .containsExactly(tuple("cdn|cloudfront|FRA56-P1", 200), tuple("cdn|cloudfront|LAX1", 503));
    List<KeyValue<String, OpsRejected>> refused = dlq.readKeyValuesToList();
    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).key).isEqualTo("cloudfront_standard");
    assertThat(refused.get(0).value.reason())
        .isEqualTo("sc-status must be a whole number, got 'OK'");
    assertThat(refused.get(0).value.raw()).contains("/v/2.m4s\tOK");
    assertThat(refused.get(0).value.receivedAt()).isEqualTo(RECEIVED.toEpochMilli());
  }

  @Test
  void jobAndLicenseEventsAreKeyedByContentAndByDrmSystemAndRegion() {
    send(
        QoeTopics.OPS_RAW_MEDIACONVERT,
        "{\"detail-type\": \"MediaConvert Job State Change\", \"time\": \"2026-12-05T09:00:00Z\","
            + " \"detail\": {\"jobId\": \"j-1\", \"status\": \"ERROR\", \"errorCode\": 1040,"
            + " \"userMetadata\": {\"content_id\": \"asset-42\", \"rendition\": \"1080p\"}}}");
    send(
        QoeTopics.OPS_RAW_DRM,
        "{\"time\": 1796464800000, \"drm_system\": \"playready\", \"outcome\": \"error\","
            + " \"region\": \"eu-west-1\", \"error_code\": \"0x8004C600\"}");

    List<KeyValue<String, OpsEvent>> read = events.readKeyValuesToList();
    assertThat(read)
        .extracting(kv -> kv.key)
        .containsExactly("transcode|asset-42|1080p", "drm|playready|eu-west-1");
    assertThat(read)
        .extracting(kv -> kv.value.source())
        .containsExactly(OpsSource.TRANSCODE, OpsSource.DRM);
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void bytesThatAreNotUtf8AndEmptyRecordsAreRefusedAndTheStreamGoesOn() {
    driver
        .createInputTopic(
            QoeTopics.OPS_RAW_DRM.name(),
            QoeTopics.OPS_RAW_DRM.keySerde().serializer(),
            QoeTopics.OPS_RAW_DRM.valueSerde().serializer())
        .pipeInput("k", new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, RECEIVED);
    send(QoeTopics.OPS_RAW_MEDIACONVERT, "");
    send(
        QoeTopics.OPS_RAW_DRM,
        "{\"time\": 1796464800000, \"drm_system\": \"widevine\", \"outcome\": \"granted\"}");

    assertThat(dlq.readValuesToList())
        .extracting(OpsRejected::format, OpsRejected::reason)
        .containsExactly(
            tuple("drm_json", "not UTF-8 text: Input length = 1"),
            tuple("mediaconvert", "an empty record"));
    assertThat(events.readValuesToList()).hasSize(1);
  }

  @Test
  void anEventFromTheFutureIsRefusedBeforeItCouldStopTheApplication() {
    String ahead =
        "{\"time\": \"2026-12-05T10:06:00Z\", \"drm_system\": \"widevine\","
            + " \"outcome\": \"granted\"}";

    send(QoeTopics.OPS_RAW_DRM, ahead);

    assertThat(events.isEmpty()).isTrue();
    OpsRejected refused = dlq.readValue();
    assertThat(refused.raw()).isEqualTo(ahead);
    assertThat(refused.reason())
        .isEqualTo(
            "happens 360 s after it reached Kafka (at most 300 s allowed): check the source's clock");
  }

  private void send(QoeTopic<String, byte[]> topic, String text) {
    driver
        .createInputTopic(
            topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer())
        .pipeInput("file-1", text.getBytes(StandardCharsets.UTF_8), RECEIVED);
  }
}
