package dev.openqoe.protocol;

import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.LicenseRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import dev.openqoe.ops.PackagingJob;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Converts delivery-chain events to and from the Avro form stored on qoe.ops.events.v1. */
public final class OpsEventAvro {

  public static final String SUBJECT = "ops_event";
  public static final Schema SCHEMA = AvroSchemas.latest(SUBJECT);

  private static final Schema SOURCE = SCHEMA.getField("source").schema();
  private static final AvroBinary BINARY = new AvroBinary(SUBJECT);

  private OpsEventAvro() {}

  public static GenericRecord toRecord(OpsEvent event) {
    GenericData.Record record = new GenericData.Record(SCHEMA);
    record.put("source", new GenericData.EnumSymbol(SOURCE, event.source().wireName()));
    record.put("format", event.format());
    record.put("event_time", event.eventTime());
    record.put("session_id", event.sessionId());
    record.put("content_id", event.contentId());
    CdnRequest cdn = event.cdnRequest();
    if (cdn != null) {
      record.put("cdn", cdn.cdn());
      record.put("edge", cdn.edge());
      record.put("client_ip", cdn.clientIp());
      record.put("status_code", cdn.statusCode());
      record.put("bytes", cdn.bytes());
      record.put("ttfb_ms", cdn.ttfbMs());
      record.put("time_taken_ms", cdn.timeTakenMs());
      record.put("cache_result", cdn.cacheResult());
      record.put("uri", cdn.uri());
      record.put("object_type", cdn.objectType());
    }
    PackagingJob job = event.job();
    if (job != null) {
      record.put("stage", job.stage());
      record.put("job_id", job.jobId());
      record.put("job_status", job.status());
      record.put("rendition", job.rendition());
      record.put("duration_ms", job.durationMs());
    }
    LicenseRequest license = event.license();
    if (license != null) {
      record.put("drm_system", license.drmSystem());
      record.put("key_id", license.keyId());
      record.put("outcome", license.outcome());
      record.put("latency_ms", license.latencyMs());
      record.put("region", license.region());
    }
    record.put("error_code", event.errorCode());
    record.put("error_message", event.errorMessage());
    return record;
  }

  public static OpsEvent fromRecord(GenericRecord r) {
    OpsSource source = WireEnum.fromWire(OpsSource.class, text(r, "source"));
    return new OpsEvent(
        source,
        text(r, "format"),
        (Long) r.get("event_time"),
        text(r, "session_id"),
        text(r, "content_id"),
        source == OpsSource.CDN
            ? new CdnRequest(
                text(r, "cdn"),
                text(r, "edge"),
                text(r, "client_ip"),
                (Integer) r.get("status_code"),
                (Long) r.get("bytes"),
                (Long) r.get("ttfb_ms"),
                (Long) r.get("time_taken_ms"),
                text(r, "cache_result"),
                text(r, "uri"),
                text(r, "object_type"))
            : null,
        source == OpsSource.TRANSCODE
            ? new PackagingJob(
                text(r, "stage"),
                text(r, "job_id"),
                text(r, "job_status"),
                text(r, "rendition"),
                (Long) r.get("duration_ms"))
            : null,
        source == OpsSource.DRM
            ? new LicenseRequest(
                text(r, "drm_system"),
                text(r, "key_id"),
                text(r, "outcome"),
                (Long) r.get("latency_ms"),
                text(r, "region"))
            : null,
        text(r, "error_code"),
        text(r, "error_message"));
  }

  /** Avro binary encoding, without a schema header. Thread-safe. */
  public static byte[] encode(OpsEvent event) {
    return BINARY.encode(toRecord(event));
  }

  /** The inverse of {@link #encode}. Thread-safe. */
  public static OpsEvent decode(byte[] bytes) {
    return fromRecord(BINARY.decode(bytes, "delivery-chain event"));
  }

  private static String text(GenericRecord record, String field) {
    Object value = record.get(field);
    return value == null ? null : value.toString();
  }
}
