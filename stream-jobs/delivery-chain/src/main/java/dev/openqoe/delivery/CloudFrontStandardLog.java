package dev.openqoe.delivery;

import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import dev.openqoe.protocol.ClientAddresses;
import java.net.InetAddress;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Amazon CloudFront standard log files (W3C extended log format): {@code #Version} and {@code
 * #Fields} header lines, then one tab-separated line per request, {@code -} for an empty field. The
 * fields are those its {@code #Fields} line names, in its order, so files of every CloudFront
 * version (and a subset) read alike; a data line before any {@code #Fields} line, or with another
 * number of fields, is refused with the reason. The client address is anonymised as the collector
 * anonymises it before anything is stored.
 */
public final class CloudFrontStandardLog {

  public static final String FORMAT = "cloudfront_standard";

  /** Longer lines are refused: CloudFront's are a few hundred bytes, a URI at most 8 KiB. */
  public static final int MAX_LINE_LENGTH = 16_384;

  private static final List<String> REQUIRED =
      List.of("date", "time", "x-edge-location", "sc-status", "cs-uri-stem");

  private CloudFrontStandardLog() {}

  /** Every data line of {@code text} (a file, or a run of its lines with its header), in order. */
  public static List<OpsInput> read(String text) {
    List<OpsInput> read = new ArrayList<>();
    Map<String, Integer> fields = null;
    String fieldsProblem = "no #Fields line comes before it";
    for (String line : text.split("\r?\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.length() > MAX_LINE_LENGTH) {
        read.add(
            new OpsInput.Invalid(
                line.substring(0, 200) + "...",
                "a line of "
                    + line.length()
                    + " characters; a log line may have "
                    + MAX_LINE_LENGTH));
        continue;
      }
      if (line.startsWith("#Fields:")) {
        Map<String, Integer> named = fieldPositions(line.substring("#Fields:".length()).trim());
        List<String> missing = REQUIRED.stream().filter(f -> !named.containsKey(f)).toList();
        fields = named;
        fieldsProblem = missing.isEmpty() ? null : "its #Fields line names no " + missing;
        continue;
      }
      if (line.startsWith("#")) {
        continue; // #Version and comments
      }
      read.add(
          fieldsProblem != null ? new OpsInput.Invalid(line, fieldsProblem) : line(line, fields));
    }
    return read;
  }

  private static Map<String, Integer> fieldPositions(String names) {
    Map<String, Integer> positions = new HashMap<>();
    String[] split = names.split("\\s+");
    for (int i = 0; i < split.length; i++) {
      positions.put(split[i], i);
    }
    return positions;
  }

  private static OpsInput line(String line, Map<String, Integer> fields) {
    String[] values = line.split("\t", -1);
    if (values.length != fields.size()) {
      return new OpsInput.Invalid(
          line,
          "has "
              + values.length
              + " tab-separated fields, its #Fields line names "
              + fields.size());
    }
    LogLine l = new LogLine(values, fields);
    try {
      long time =
          LocalDate.parse(l.text("date"))
              .atTime(LocalTime.parse(l.text("time")))
              .toInstant(ZoneOffset.UTC)
              .toEpochMilli();
      String ip = l.text("c-ip");
      InetAddress address = ClientAddresses.parse(ip);
      if (ip != null && address == null) {
        return new OpsInput.Invalid(line, "c-ip '" + ip + "' is not an IP address");
      }
      String result = cacheResult(l.text("x-edge-result-type"));
      CmcdOfRequest cmcd = CmcdOfRequest.fromQuery(l.text("cs-uri-query"));
      CdnRequest request =
          new CdnRequest(
              "cloudfront",
              l.text("x-edge-location"),
              address == null ? null : ClientAddresses.anonymise(address),
              l.integer("sc-status"),
              l.number("sc-bytes"),
              l.seconds("time-to-first-byte"),
              l.seconds("time-taken"),
              result,
              l.text("cs-uri-stem"),
              cmcd.objectType());
      return new OpsInput.Valid(
          new OpsEvent(
              OpsSource.CDN,
              FORMAT,
              time,
              cmcd.sessionId(),
              cmcd.contentId(),
              request,
              null,
              null,
              "error".equals(result) ? l.text("x-edge-detailed-result-type") : null,
              null),
          line);
    } catch (DateTimeParseException e) {
      return new OpsInput.Invalid(
          line, "date and time must be YYYY-MM-DD and HH:MM:SS: " + e.getParsedString());
    } catch (BadField e) {
      return new OpsInput.Invalid(line, e.getMessage());
    }
  }

  /** CloudFront's result types (Hit, RefreshHit, Miss, Error, ...) in lower snake case. */
  private static String cacheResult(String type) {
    return type == null
        ? null
        : type.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** One data line's fields by name; {@code -} and absent fields are null. */
  private record LogLine(String[] values, Map<String, Integer> fields) {

    String text(String name) {
      Integer position = fields.get(name);
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
        throw new BadField(name + " must be a whole number, got '" + value + "'");
      }
    }

    Integer integer(String name) {
      Long value = number(name);
      if (value != null && (value < 0 || value > 999)) {
        throw new BadField(name + " must be an HTTP status, got " + value);
      }
      return value == null ? null : value.intValue();
    }

    /** Seconds with a fraction, as CloudFront writes durations, in whole milliseconds. */
    Long seconds(String name) {
      String value = text(name);
      try {
        double seconds = value == null ? 0 : Double.parseDouble(value);
        if (value != null && !(seconds >= 0 && seconds < 86_400)) {
          throw new NumberFormatException();
        }
        return value == null ? null : Math.round(seconds * 1000);
      } catch (NumberFormatException e) {
        throw new BadField(name + " must be seconds (like 0.125), got '" + value + "'");
      }
    }
  }

  /** Ends the reading of a line at its first bad field; never leaves this class. */
  private static final class BadField extends RuntimeException {
    BadField(String reason) {
      super(reason, null, false, false);
    }
  }
}
