package dev.openqoe.slo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SloCliTest {

  @TempDir Path dir;

  @Test
  void aWrongSloFileStopsTheEvaluatorAtStartWithWhatToFix() throws Exception {
    Path file = dir.resolve("slo.yaml");
    Files.writeString(file, "slos:\n  - {name: a, property: dev, sli: vsf, objective: 0.99}\n");
    StringWriter err = new StringWriter();
    CommandLine cli = SloCli.commandLine();
    cli.setErr(new PrintWriter(err));

    int exit =
        cli.execute("slo-evaluator", "--slo-file", file.toString(), "--kafka", "127.0.0.1:1");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("qoe slo-evaluator: " + file + ": slos[0] 'a', field 'sli': unknown SLI 'vsf'");
  }

  @Test
  void anIntervalUnderASecondIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = SloCli.commandLine();
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("slo-evaluator", "--every", "500ms")).isEqualTo(2);
    assertThat(err.toString()).contains("--every must be at least 1s");
  }

  @Test
  void alertmanagersAreRepeatedOrCommaSeparatedAndAnEmptyOneIsNone() {
    SloEvaluatorCommand repeated = new SloEvaluatorCommand();
    new CommandLine(repeated)
        .parseArgs("--alertmanager", "http://a:9093", "--alertmanager", "http://b:9093");
    SloEvaluatorCommand separated = new SloEvaluatorCommand();
    new CommandLine(separated).parseArgs("--alertmanager", "http://a:9093,http://b:9093");
    SloEvaluatorCommand empty = new SloEvaluatorCommand();
    new CommandLine(empty).parseArgs("--alertmanager", "");

    assertThat(repeated.alertmanagerUrls()).containsExactly("http://a:9093", "http://b:9093");
    assertThat(separated.alertmanagerUrls()).containsExactly("http://a:9093", "http://b:9093");
    assertThat(empty.alertmanagerUrls()).isEmpty();
    assertThat(new SloEvaluatorCommand().alertmanagerUrls()).isEmpty();
  }
}
