package dev.openqoe.slo.evaluator;

import static dev.openqoe.slo.evaluator.AlertRecordsForTests.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertsReportTest {

  private static final long HOUR = 3_600_000;

  @Test
  void showsWhatFiresNowAndTheTransitionsSinceTheGivenTime() {
    AlertRecord oldFiring = AlertRecordsForTests.firing("cdn=fastly", T0 - 30 * HOUR);
    AlertRecord oldOther = AlertRecordsForTests.firing("cdn=akamai", T0 - 26 * HOUR);
    AlertRecord resolved = AlertRecordsForTests.resolved("cdn=akamai", T0 - 26 * HOUR, T0 - HOUR);
    List<AlertRecord> log = List.of(oldFiring, oldOther, resolved);

    AlertsReport report = AlertsReport.of(log, T0 - 24 * HOUR);

    assertThat(report.firing()).containsExactly(oldFiring);
    assertThat(report.transitions()).containsExactly(resolved);
    StringWriter text = new StringWriter();
    report.print(new PrintWriter(text), Instant.ofEpochMilli(T0 - 24 * HOUR));
    assertThat(text.toString())
        .contains("firing (1):")
        .contains("page     since 2025-12-04T04:00:00Z  dev/start-success/page/cdn=fastly")
        .contains("transitions since 2025-12-04T10:00:00Z (1):")
        .contains("2025-12-05T09:00:00Z  resolved dev/start-success/page/cdn=akamai");
  }
}
