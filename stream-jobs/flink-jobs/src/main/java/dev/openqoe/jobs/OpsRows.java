package dev.openqoe.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.LicenseRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsRejected;
import dev.openqoe.ops.PackagingJob;
import dev.openqoe.protocol.StrictUtf8;
import dev.openqoe.warehouse.QoeTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.table.data.RowData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Rows of the delivery-chain tables (column layouts in {@link QoeTables}) from the records of the
 * raw feeds and of the normaliser's topics.
 */
final class OpsRows {

  static final TableRow RAW = new TableRow(QoeTables.ODS_OPS_RAW);
  static final TableRow REJECTED = new TableRow(QoeTables.ODS_OPS_REJECTED);
  static final TableRow EVENTS = new TableRow(QoeTables.DWD_OPS_EVENTS);
  static final TableRow MINUTE = new TableRow(QoeTables.DWS_OPS_MINUTE);

  private static final ObjectMapper JSON = new ObjectMapper();

  private OpsRows() {}

  /** A raw record as received: its text, and its bytes too when they are not UTF-8. */
  static RowData raw(String feed, ConsumerRecord<byte[], byte[]> record) {
    byte[] bytes = record.value() == null ? new byte[0] : record.value();
    String text = utf8(bytes);
    Header property = record.headers().lastHeader(OpsFeed.PROPERTY_HEADER);
    return RAW.builder()
        .set("feed", feed)
        .timestamp("received_at", record.timestamp())
        .set(
            "property_id",
            property == null ? null : new String(property.value(), StandardCharsets.UTF_8))
        .set("raw", text == null ? new String(bytes, StandardCharsets.UTF_8) : text)
        .set("raw_is_utf8", text != null)
        .set("raw_bytes", text == null ? bytes : null)
        .set("kafka_partition", record.partition())
        .set("kafka_offset", record.offset())
        .build();
  }

  static RowData rejected(ConsumerRecord<byte[], byte[]> record) {
    OpsRejected r = QoeTopics.OPS_DLQ.deserializeValue(record.value());
    return REJECTED
        .builder()
        .set("format", r.format())
        .set("raw", r.raw())
        .set("reason", r.reason())
        .timestamp("received_at", r.receivedAt())
        .build();
  }

  /** An event of the events topic, with the slice it was keyed by there. */
  static SlicedOpsEvent slicedEvent(ConsumerRecord<byte[], byte[]> record) {
    return new SlicedOpsEvent(
        QoeTopics.OPS_EVENTS.deserializeKey(record.key()),
        QoeTopics.OPS_EVENTS.deserializeValue(record.value()));
  }

  static RowData event(SlicedOpsEvent sliced) {
    OpsEvent e = sliced.event();
    TableRow.Builder row =
        EVENTS
            .builder()
            .set("source", e.source().wireName())
            .set("format", e.format())
            .timestamp("event_time", e.eventTime())
            .set("slice", sliced.slice())
            .set("session_id", e.sessionId())
            .set("content_id", e.contentId())
            .set("error_code", e.errorCode())
            .set("error_message", e.errorMessage());
    CdnRequest cdn = e.cdnRequest();
    if (cdn != null) {
      row.set("cdn", cdn.cdn())
          .set("edge", cdn.edge())
          .set("client_ip", cdn.clientIp())
          .set("status_code", cdn.statusCode())
          .set("bytes", cdn.bytes())
          .set("ttfb_ms", cdn.ttfbMs())
          .set("time_taken_ms", cdn.timeTakenMs())
          .set("cache_result", cdn.cacheResult())
          .set("uri", cdn.uri())
          .set("object_type", cdn.objectType());
    }
    PackagingJob job = e.job();
    if (job != null) {
      row.set("stage", job.stage())
          .set("job_id", job.jobId())
          .set("job_status", job.status())
          .set("rendition", job.rendition())
          .set("duration_ms", job.durationMs());
    }
    LicenseRequest license = e.license();
    if (license != null) {
      row.set("drm_system", license.drmSystem())
          .set("key_id", license.keyId())
          .set("outcome", license.outcome())
          .set("latency_ms", license.latencyMs())
          .set("region", license.region());
    }
    return row.build();
  }

  /** A health row of the normaliser (JSON with the table's column names, times in epoch ms). */
  static RowData minute(ConsumerRecord<byte[], byte[]> record) {
    JsonNode health;
    try {
      health = JSON.readTree(QoeTopics.OPS_HEALTH.deserializeValue(record.value()));
    } catch (IOException e) {
      throw new UncheckedIOException("health record is not JSON", e);
    }
    TableRow.Builder row = MINUTE.builder();
    for (String column : MINUTE.columnNames()) {
      JsonNode value = health.get(column);
      if (value == null || value.isNull()) {
        continue;
      }
      switch (column) {
        case "window_start", "window_end" -> row.timestamp(column, value.asLong());
        case "slice", "source", "cdn", "edge", "drm_system", "region", "content_id", "rendition" ->
            row.set(column, value.asText());
        default -> row.set(column, value.asLong());
      }
    }
    return row.build();
  }

  /** The text of {@code bytes} when they are UTF-8, else null. */
  private static String utf8(byte[] bytes) {
    try {
      return StrictUtf8.decode(bytes);
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
