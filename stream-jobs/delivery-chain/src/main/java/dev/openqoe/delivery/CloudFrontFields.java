package dev.openqoe.delivery;

import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.protocol.ClientAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields of one CloudFront log line by name, and what a request is made of from them. Standard
 * and real-time logs name their fields alike ({@code c-ip}, {@code sc-status}, {@code
 * x-edge-result-type}...) and differ in how a line tells its time and which fields it has, so both
 * readers convert through this: the client address anonymised as the collector does, CMCD from the
 * query, the cache result in lower snake case, durations from seconds to milliseconds.
 */
final class CloudFrontFields {

  /** Longer lines are refused: CloudFront's are a few hundred bytes, a URI at most 8 KiB. */
  static final int MAX_LINE_LENGTH = 16_384;

  private static final Pattern WORD_START = Pattern.compile("([a-z])([A-Z])");

  private final String[] values;
  private final Map<String, Integer> positions;

  private CloudFrontFields(String[] values, Map<String, Integer> positions) {
    this.values = values;
    this.positions = positions;
  }

  /**
   * The lines of a record, without their {@code \n} or {@code \r\n}: by hand, since a regular
   * expression split costs more than reading the lines.
   */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      int next = end < 0 ? text.length() : end + 1;
      end = end < 0 ? text.length() : end;
      if (end > start && text.charAt(end - 1) == '\r') {
        end--;
      }
      lines.add(text.substring(start, end));
      start = next;
    }
    return lines;
  }

  /** Each field name's position in a line. */
  static Map<String, Integer> positions(List<String> names) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      positions.put(names.get(i), i);
    }
    return positions;
  }

  /** How a format tells when a line's request happened, in epoch milliseconds. */
  interface LineTime {
    long of(CloudFrontFields fields);
  }

  /**
   * One tab-separated data line: the request it logs, or why not (another number of fields than
   * {@code positions} names: a truncated line, a line of another configuration; a bad field).
   *
   * @param layout what names the fields, for the refusal ("its #Fields line")
   */
  static OpsInput read(
      String line, Map<String, Integer> positions, String layout, String format, LineTime time) {
    String[] values = line.split("\t", -1);
    if (values.length != positions.size()) {
      return new OpsInput.Invalid(
          line,
          "has "
              + values.length
              + " tab-separated fields, "
              + layout
              + " names "
              + positions.size());
    }
    CloudFrontFields fields = new CloudFrontFields(values, positions);
    try {
      return new OpsInput.Valid(fields.event(format, time.of(fields)), line);
    } catch (BadInput e) {
      return new OpsInput.Invalid(line, e.getMessage());
    }
  }

  /** A line over {@link #MAX_LINE_LENGTH}, refused with its start only. */
  static OpsInput.Invalid tooLong(String line) {
    return new OpsInput.Invalid(
        line.substring(0, 200) + "...",
        "a line of " + line.length() + " characters; a log line may have " + MAX_LINE_LENGTH);
  }

  private OpsEvent event(String format, long time) {
    String ip = text("c-ip");
    InetAddress address = ClientAddresses.parse(ip);
    if (ip != null && address == null) {
      throw new BadInput("c-ip '" + ip + "' is not an IP address");
    }
    String result = cacheResult(text("x-edge-result-type"));
    CmcdOfRequest cmcd = cmcd();
    CdnRequest request =
        new CdnRequest(
            "cloudfront",
            required("x-edge-location"),
            address == null ? null : ClientAddresses.anonymise(address),
            status(),
            number("sc-bytes"),
            seconds("time-to-first-byte"),
            seconds("time-taken"),
            result,
            required("cs-uri-stem"),
            cmcd.objectType());
    return OpsEvent.cdn(
        format,
        time,
        cmcd.sessionId(),
        cmcd.contentId(),
        request,
        "error".equals(result) ? text("x-edge-detailed-result-type") : null);
  }

  /**
   * The CMCD of the request's query; real-time logs also have CloudFront's own reading of it
   * ({@code cmcd-session-id}...), which covers CMCD sent in headers, where the query has none.
   */
  private CmcdOfRequest cmcd() {
    CmcdOfRequest query = CmcdOfRequest.fromQuery(text("cs-uri-query"));
    return new CmcdOfRequest(
        query.sessionId() != null ? query.sessionId() : text("cmcd-session-id"),
        query.contentId() != null ? query.contentId() : text("cmcd-content-id"),
        query.objectType() != null ? query.objectType() : text("cmcd-object-type"));
  }

  /** CloudFront's result types (Hit, RefreshHit, Miss, Error, ...) in lower snake case. */
  private static String cacheResult(String type) {
    if (type == null) {
      return null;
    }
    // Nearly every line has one of these: no regular expression for them.
    return switch (type) {
      case "Hit" -> "hit";
      case "Miss" -> "miss";
      case "RefreshHit" -> "refresh_hit";
      case "Error" -> "error";
      default -> WORD_START.matcher(type).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    };
  }

  /** A field's text; {@code -}, empty and absent fields are null. */
  String text(String name) {
    Integer position = positions.get(name);
    if (position == null) {
      return null;
    }
    String value = values[position];
    return value.isEmpty() || value.equals("-") ? null : value;
  }

  Long number(String name) {
    String value = text(name);
    try {
      return value == null ? null : Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new BadInput(name + " must be a whole number, got '" + value + "'");
    }
  }

  private String required(String name) {
    String value = text(name);
    if (value == null) {
      throw new BadInput(name + " is required, got '-'");
    }
    return value;
  }

  /** {@code sc-status}; 000 when the viewer left before the response began. */
  private int status() {
    required("sc-status");
    long value = number("sc-status");
    if (value < 0 || value > 999) {
      throw new BadInput("sc-status must be an HTTP status, got " + value);
    }
    return (int) value;
  }

  /** Seconds with a fraction, as CloudFront writes durations, in whole milliseconds. */
  private Long seconds(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(value);
      if (!(seconds >= 0 && seconds < 86_400)) {
        throw new NumberFormatException();
      }
      return Math.round(seconds * 1000);
    } catch (NumberFormatException e) {
      throw new BadInput(name + " must be seconds (like 0.125), got '" + value + "'");
    }
  }
}
