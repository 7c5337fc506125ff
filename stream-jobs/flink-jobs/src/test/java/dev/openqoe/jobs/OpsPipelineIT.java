package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.LicenseRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsRejected;
import dev.openqoe.ops.OpsSource;
import dev.openqoe.ops.PackagingJob;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.WarehouseCatalog;
import dev.openqoe.warehouse.WarehouseConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery chain's part of the pipeline on a Flink MiniCluster (parallelism 2), from a real
 * broker into real Iceberg tables: every raw record, dead letter, event and health row lands once,
 * as it was on Kafka.
 */
class OpsPipelineIT {

  @RegisterExtension static final MiniClusterExtension FLINK = PipelineHarness.miniCluster();

  private static final long T0 = 1_764_928_800_000L; // 2025-12-05T10:00:00Z

  @TempDir Path dir;

  @Test
  void everyRecordOfTheDeliveryChainLandsOnceInItsTable() throws Exception {
    EmbeddedKafka kafka = SharedKafka.get();
    String run = UUID.randomUUID().toString();
    OpsTopicNames topics =
        new OpsTopicNames(
            Map.of("it-raw-cdn-" + run, "cloudfront", "it-raw-drm-" + run, "drm"),
            "it-events-" + run,
            "it-dlq-" + run,
            "it-health-" + run);
    topics.rawFeedByTopic().keySet().forEach(topic -> kafka.createTopic(topic, 2));
    kafka.createTopic(topics.events(), 3);
    kafka.createTopic(topics.rejected(), 1);
    kafka.createTopic(topics.health(), 2);

    byte[] notUtf8 = {'#', 'V', (byte) 0xC3, (byte) 0x28, '\n'};
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ProducerRecord<byte[], byte[]> raw =
          new ProducerRecord<>(
              "it-raw-cdn-" + run, null, null, ("#Version: 1.0\nline " + i).getBytes());
      raw.headers().add(OpsFeed.PROPERTY_HEADER, "prop-a".getBytes(StandardCharsets.UTF_8));
      records.add(raw);
    }
    records.add(new ProducerRecord<>("it-raw-drm-" + run, null, null, notUtf8));
    List<OpsEvent> events = events();
    for (OpsEvent event : events) {
      String slice =
          event.source().wireName() + "|" + (event.cdnRequest() == null ? "-" : "x") + "|-";
      records.add(
          new ProducerRecord<>(
              topics.events(),
              QoeTopics.OPS_EVENTS.serializeKey(slice),
              QoeTopics.OPS_EVENTS.serializeValue(event)));
    }
    records.add(
        new ProducerRecord<>(
            topics.rejected(),
            QoeTopics.OPS_DLQ.serializeKey("drm_json"),
            QoeTopics.OPS_DLQ.serializeValue(
                new OpsRejected("drm_json", "{not json", "not JSON: Unexpected character", T0))));
    records.add(
        new ProducerRecord<>(
            topics.health(),
            QoeTopics.OPS_HEALTH.serializeKey("cdn|cloudfront|FRA56-P1"),
            QoeTopics.OPS_HEALTH.serializeValue(
                "{\"window_start\":"
                    + T0
                    + ",\"window_end\":"
                    + (T0 + 60_000)
                    + ",\"slice\":\"cdn|cloudfront|FRA56-P1\",\"source\":\"cdn\",\"cdn\":\"cloudfront\","
                    + "\"edge\":\"FRA56-P1\",\"requests\":120,\"status_4xx\":2,\"status_5xx\":9,"
                    + "\"cache_misses\":30,\"bytes\":123456789,\"ttfb_p50_ms\":40,\"ttfb_p95_ms\":180,"
                    + "\"time_taken_p50_ms\":220,\"time_taken_p95_ms\":1900,\"license_requests\":0,"
                    + "\"license_denials\":0,\"license_errors\":0,\"license_latency_p95_ms\":null,"
                    + "\"job_events\":0,\"job_failures\":0}")));
    produce(kafka, records);

    WarehouseConfig warehouse = WarehouseConfig.embedded(dir);
    try (WarehouseCatalog catalog = WarehouseCatalog.openWithTables(warehouse)) {
      // tables exist before the job starts, as QoePipelineJob makes sure in production
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    QoePipelineJob.enableExactlyOnce(env, Duration.ofMillis(500));
    OpsPipeline.build(
        env,
        kafka.bootstrapServers(),
        topics,
        true,
        new WarehouseSinks(warehouse, null).forBoundedInput());
    env.execute("ops-pipeline-it");

    List<Map<String, String>> raw = PipelineHarness.rows(warehouse, QoeTables.ODS_OPS_RAW, null);
    assertThat(raw).hasSize(21);
    assertThat(raw)
        .filteredOn(row -> row.get("feed").equals("cloudfront"))
        .hasSize(20)
        .allSatisfy(
            row -> {
              assertThat(row).containsEntry("property_id", "prop-a");
              assertThat(row).containsEntry("raw_is_utf8", "true");
              assertThat(row.get("raw")).startsWith("#Version: 1.0\nline ");
            });
    Map<String, String> broken =
        raw.stream().filter(row -> row.get("feed").equals("drm")).findFirst().orElseThrow();
    assertThat(broken)
        .containsEntry("raw_is_utf8", "false")
        .containsEntry("property_id", "null")
        .containsEntry("raw_bytes", HexFormat.of().formatHex(notUtf8));

    List<Map<String, String>> stored =
        PipelineHarness.rows(
            warehouse,
            QoeTables.DWD_OPS_EVENTS,
            Set.of("source", "session_id", "status_code", "job_status", "outcome", "slice"));
    assertThat(stored)
        .containsExactlyInAnyOrder(
            Map.of(
                "source", "cdn",
                "session_id", "s-1",
                "status_code", "503",
                "job_status", "null",
                "outcome", "null",
                "slice", "cdn|x|-"),
            Map.of(
                "source", "drm",
                "session_id", "s-1",
                "status_code", "null",
                "job_status", "null",
                "outcome", "denied",
                "slice", "drm|-|-"),
            Map.of(
                "source", "transcode",
                "session_id", "null",
                "status_code", "null",
                "job_status", "error",
                "outcome", "null",
                "slice", "transcode|-|-"));

    assertThat(PipelineHarness.rows(warehouse, QoeTables.ODS_OPS_REJECTED, null))
        .containsExactly(
            Map.of(
                "format", "drm_json",
                "raw", "{not json",
                "reason", "not JSON: Unexpected character",
                "received_at", Long.toString(T0)));

    assertThat(
            PipelineHarness.rows(
                warehouse,
                QoeTables.DWS_OPS_MINUTE,
                Set.of(
                    "window_start",
                    "edge",
                    "requests",
                    "status_5xx",
                    "time_taken_p95_ms",
                    "license_latency_p95_ms")))
        .containsExactly(
            Map.of(
                "window_start", Long.toString(T0),
                "edge", "FRA56-P1",
                "requests", "120",
                "status_5xx", "9",
                "time_taken_p95_ms", "1900",
                "license_latency_p95_ms", "null"));
  }

  private static List<OpsEvent> events() {
    return List.of(
        new OpsEvent(
            OpsSource.CDN,
            "cloudfront_standard",
            T0,
            "s-1",
            "asset-1",
            new CdnRequest(
                "cloudfront",
                "FRA56-P1",
                "198.51.100.0",
                503,
                512L,
                900L,
                2000L,
                "error",
                "/v/asset-1/seg-1.m4s",
                "v"),
            null,
            null,
            "Error",
            null),
        new OpsEvent(
            OpsSource.DRM,
            "drm_json",
            T0 + 1,
            "s-1",
            "asset-1",
            null,
            null,
            new LicenseRequest("widevine", "k-1", "denied", 48L, "eu-west-1"),
            "LICENSE_EXPIRED",
            null),
        new OpsEvent(
            OpsSource.TRANSCODE,
            "mediaconvert",
            T0 + 2,
            null,
            "asset-1",
            null,
            new PackagingJob("transcode", "job-1", "error", "1080p", 60_000L),
            null,
            "1517",
            "Unable to write to output file"));
  }

  private static void produce(EmbeddedKafka kafka, List<ProducerRecord<byte[], byte[]>> records)
      throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<?>> acks = new ArrayList<>();
      records.forEach(record -> acks.add(producer.send(record)));
      for (Future<?> ack : acks) {
        ack.get();
      }
    }
  }
}
