package dev.openqoe.warehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

  private static final QueryResult RESULT =
      new QueryResult(
          List.of("hour", "cdn", "rbr"),
          List.of(
              Arrays.asList(Instant.parse("2026-11-20T12:00:00Z"), "akamai", 0.125),
              Arrays.asList(Instant.parse("2026-11-20T11:00:00.5Z"), null, 12.0),
              Arrays.asList(Instant.parse("2026-11-20T10:00:00Z"), "a \"quoted\", one", null)),
          Duration.ofMillis(1234));

  @Test
  void tableAlignsColumnsRightAlignsNumbersAndMarksNull() {
    assertThat(write(OutputFormat.TABLE))
        .isEqualTo(
            """
            +------------------------+-----------------+--------+
            | hour                   | cdn             | rbr    |
            +------------------------+-----------------+--------+
            | 2026-11-20 12:00:00Z   | akamai          |  0.125 |
            | 2026-11-20 11:00:00.5Z | <null>          |   12.0 |
            | 2026-11-20 10:00:00Z   | a "quoted", one | <null> |
            +------------------------+-----------------+--------+
            3 rows in 1.23 s
            """);
  }

  @Test
  void csvQuotesWhatNeedsItAndLeavesNullEmpty() {
    assertThat(write(OutputFormat.CSV))
        .isEqualTo(
            "hour,cdn,rbr\r\n"
                + "2026-11-20 12:00:00Z,akamai,0.125\r\n"
                + "2026-11-20 11:00:00.5Z,,12.0\r\n"
                + "2026-11-20 10:00:00Z,\"a \"\"quoted\"\", one\",\r\n");
  }

  @Test
  void jsonWritesOneObjectPerRowWithRealNumbersAndNulls() {
    assertThat(write(OutputFormat.JSON).lines())
        .containsExactly(
            "{\"hour\":\"2026-11-20 12:00:00Z\",\"cdn\":\"akamai\",\"rbr\":0.125}",
            "{\"hour\":\"2026-11-20 11:00:00.5Z\",\"cdn\":null,\"rbr\":12.0}",
            "{\"hour\":\"2026-11-20 10:00:00Z\",\"cdn\":\"a \\\"quoted\\\", one\",\"rbr\":null}");
  }

  @Test
  void jsonKeepsArraysAndMapsStructured() {
    QueryResult nested =
        new QueryResult(
            List.of("vst_histogram", "custom"),
            List.of(List.of(new Long[] {0L, 2L, 1L}, Map.of("plan", "premium"))),
            Duration.ZERO);
    StringWriter text = new StringWriter();

    OutputFormat.JSON.write(nested, new PrintWriter(text, true));

    assertThat(text.toString().strip())
        .isEqualTo("{\"vst_histogram\":[0,2,1],\"custom\":{\"plan\":\"premium\"}}");
  }

  private static String write(OutputFormat format) {
    StringWriter text = new StringWriter();
    format.write(RESULT, new PrintWriter(text, true));
    return text.toString();
  }
}
