package dev.openqoe.delivery;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads Amazon CloudFront standard log files (W3C extended log format): {@code #Version} and {@code
 * #Fields} header lines, then one tab-separated line per request, {@code -} for an empty field. The
 * fields are those its {@code #Fields} line names, in its order, so files of every CloudFront
 * version (and a subset) read alike; a data line before any {@code #Fields} line, or with another
 * number of fields, is refused with the reason. The fields convert as {@link CloudFrontFields}
 * says.
 */
public final class CloudFrontStandardLog {

  public static final String FORMAT = "cloudfront_standard";

  private static final List<String> REQUIRED =
      List.of("date", "time", "x-edge-location", "sc-status", "cs-uri-stem");

  private CloudFrontStandardLog() {}

  /** Every data line of {@code text} (a file, or a run of its lines with its header), in order. */
  public static List<OpsInput> read(String text) {
    List<OpsInput> read = new ArrayList<>();
    Map<String, Integer> fields = null;
    String fieldsProblem = "no #Fields line comes before it";
    for (String line : CloudFrontFields.lines(text)) {
      if (line.isBlank()) {
        continue;
      }
      if (line.length() > CloudFrontFields.MAX_LINE_LENGTH) {
        read.add(CloudFrontFields.tooLong(line));
        continue;
      }
      if (line.startsWith("#Fields:")) {
        Map<String, Integer> named =
            CloudFrontFields.positions(
                Arrays.asList(line.substring("#Fields:".length()).trim().split("\\s+")));
        List<String> missing = REQUIRED.stream().filter(f -> !named.containsKey(f)).toList();
        fields = named;
        fieldsProblem = missing.isEmpty() ? null : "its #Fields line names no " + missing;
        continue;
      }
      if (line.startsWith("#")) {
        continue; // #Version and comments
      }
      read.add(
          fieldsProblem != null
              ? new OpsInput.Invalid(line, fieldsProblem)
              : CloudFrontFields.read(
                  line, fields, "its #Fields line", FORMAT, CloudFrontStandardLog::time));
    }
    return read;
  }

  /** {@code date} and {@code time}, UTC, to the second. */
  private static long time(CloudFrontFields line) {
    String date = line.text("date");
    String time = line.text("time");
    if (date == null || time == null) {
      throw new BadInput("date and time must be YYYY-MM-DD and HH:MM:SS, got '-'");
    }
    try {
      return LocalDate.parse(date)
          .atTime(LocalTime.parse(time))
          .toInstant(ZoneOffset.UTC)
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new BadInput("date and time must be YYYY-MM-DD and HH:MM:SS: " + e.getParsedString());
    }
  }
}
