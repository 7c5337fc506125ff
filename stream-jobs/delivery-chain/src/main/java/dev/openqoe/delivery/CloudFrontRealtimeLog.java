package dev.openqoe.delivery;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Amazon CloudFront real-time log records (as Kinesis delivers them, one line per request):
 * tab-separated fields without a header, {@code -} for an empty field. Which fields a line has is
 * the customer's real-time log configuration, so it is configuration here too: the names in the
 * order the lines hold them, by default every field AWS documents, in its documented order. A line
 * with another number of fields is refused. The fields convert as {@link CloudFrontFields} says;
 * {@code timestamp} is epoch seconds with milliseconds ({@code 1607038224.123}).
 */
public final class CloudFrontRealtimeLog {

  public static final String FORMAT = "cloudfront_realtime";

  /**
   * Every real-time log field, in the order AWS documents them and CloudFront writes them (Amazon
   * CloudFront Developer Guide, "Real-time access log fields", as of 2026-12), comma-separated: the
   * form of {@code --cloudfront-realtime-fields}.
   */
  public static final String DOCUMENTED_FIELDS =
      "timestamp,c-ip,s-ip,time-to-first-byte,sc-status,sc-bytes,cs-method,cs-protocol,cs-host,"
          + "cs-uri-stem,cs-bytes,x-edge-location,x-edge-request-id,x-host-header,time-taken,"
          + "cs-protocol-version,c-ip-version,cs-user-agent,cs-referer,cs-cookie,cs-uri-query,"
          + "x-edge-response-result-type,x-forwarded-for,ssl-protocol,ssl-cipher,"
          + "x-edge-result-type,fle-encrypted-fields,fle-status,sc-content-type,sc-content-len,"
          + "sc-range-start,sc-range-end,c-port,x-edge-detailed-result-type,c-country,"
          + "cs-accept-encoding,cs-accept,cache-behavior-path-pattern,cs-headers,cs-header-names,"
          + "cs-headers-count,primary-distribution-id,primary-distribution-dns-name,origin-fbl,"
          + "origin-lbl,asn,cmcd-encoded-bitrate,cmcd-buffer-length,cmcd-buffer-starvation,"
          + "cmcd-content-id,cmcd-object-duration,cmcd-deadline,cmcd-measured-throughput,"
          + "cmcd-next-object-request,cmcd-next-range-request,cmcd-object-type,"
          + "cmcd-playback-rate,cmcd-requested-maximum-throughput,cmcd-streaming-format,"
          + "cmcd-session-id,cmcd-stream-type,cmcd-startup,cmcd-top-bitrate,cmcd-version,r-host,"
          + "sr-reason,x-edge-mqcs,distribution-tenant-id,connection-id";

  /** What an event cannot be made without. */
  public static final List<String> REQUIRED =
      List.of("timestamp", "x-edge-location", "sc-status", "cs-uri-stem");

  private static final List<String> KNOWN = List.of(DOCUMENTED_FIELDS.split(","));
  private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,11}(\\.\\d{1,9})?");

  private final List<String> fields;
  private final Map<String, Integer> positions;

  private CloudFrontRealtimeLog(List<String> fields) {
    this.fields = List.copyOf(fields);
    this.positions = CloudFrontFields.positions(fields);
  }

  /** Lines of every documented field, in the documented order. */
  public static CloudFrontRealtimeLog documented() {
    return new CloudFrontRealtimeLog(KNOWN);
  }

  /**
   * Lines of these fields in this order, as the real-time log configuration lists them.
   *
   * @throws IllegalArgumentException naming what is wrong: an unknown or repeated field, a required
   *     one missing; the list must be fixed before anything is read with it
   */
  public static CloudFrontRealtimeLog of(List<String> fields) {
    List<String> unknown = fields.stream().filter(f -> !KNOWN.contains(f)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "not CloudFront real-time log fields: "
              + unknown
              + " (the fields are named as in AWS's documentation, e.g. "
              + "timestamp,c-ip,sc-status,cs-uri-stem,x-edge-location)");
    }
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new LinkedHashSet<>();
    fields.stream().filter(f -> !seen.add(f)).forEach(repeated::add);
    if (!repeated.isEmpty()) {
      throw new IllegalArgumentException("fields named twice: " + repeated);
    }
    List<String> missing = REQUIRED.stream().filter(f -> !fields.contains(f)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "the real-time log configuration must have the fields "
              + REQUIRED
              + "; missing "
              + missing);
    }
    return new CloudFrontRealtimeLog(fields);
  }

  /** As {@link #of(List)}, from the comma-separated form of the option; blank means documented. */
  public static CloudFrontRealtimeLog parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return documented();
    }
    return of(Arrays.stream(commaSeparated.split(",", -1)).map(String::strip).toList());
  }

  public List<String> fields() {
    return fields;
  }

  /** Every line of {@code record} (one or more real-time log records), in order. */
  public List<OpsInput> read(String record) {
    List<OpsInput> read = new ArrayList<>();
    for (String line : CloudFrontFields.lines(record)) {
      if (line.isBlank()) {
        continue;
      }
      if (line.length() > CloudFrontFields.MAX_LINE_LENGTH) {
        read.add(CloudFrontFields.tooLong(line));
        continue;
      }
      read.add(
          CloudFrontFields.read(
              line,
              positions,
              "the configured real-time log fields (--cloudfront-realtime-fields)",
              FORMAT,
              CloudFrontRealtimeLog::time));
    }
    return read;
  }

  /** {@code timestamp}: epoch seconds with a fraction, to the millisecond. */
  private static long time(CloudFrontFields line) {
    String timestamp = line.text("timestamp");
    if (timestamp == null || !EPOCH_SECONDS.matcher(timestamp).matches()) {
      throw new BadInput(
          "timestamp must be epoch seconds with milliseconds (like 1607038224.123), got '"
              + (timestamp == null ? "-" : timestamp)
              + "'");
    }
    return new BigDecimal(timestamp).movePointRight(3).setScale(0, RoundingMode.DOWN).longValue();
  }
}
