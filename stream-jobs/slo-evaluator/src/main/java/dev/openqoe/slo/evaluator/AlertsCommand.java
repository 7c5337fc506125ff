package dev.openqoe.slo.evaluator;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.openqoe.cli.DurationConverter;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.pinot.PinotDefaults;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description =
        "Show the SLO alerts from the alert log (Kafka topic qoe.slo.alerts.v1): those firing now"
            + " and the recent transitions.")
public final class AlertsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--kafka",
      defaultValue = PinotDefaults.KAFKA_BOOTSTRAP,
      description = "Kafka of the alert log (env QOE_KAFKA_BOOTSTRAP). Default: ${DEFAULT-VALUE}.")
  String kafka;

  @Option(
      names = "--since",
      defaultValue = "24h",
      converter = DurationConverter.class,
      description = "Transitions within this long before now. Default: ${DEFAULT-VALUE}.")
  Duration since;

  @Option(names = "--json", description = "print {\"firing\": [...], \"transitions\": [...]}")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Instant from = Instant.now().minus(since).truncatedTo(ChronoUnit.SECONDS);
    AlertLogReader.Contents contents = AlertLogReader.read(kafka);
    AlertsReport report = AlertsReport.of(contents.records(), from.toEpochMilli());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          AlertJson.JSON
              .writer()
              .with(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(report));
      out.flush();
    } else {
      report.print(out, from);
    }
    PrintWriter err = spec.commandLine().getErr();
    contents
        .unreadable()
        .forEach(
            reason ->
                err.println(
                    "qoe alerts: skipped a record of " + QoeTopics.SLO_ALERTS + ": " + reason));
    err.flush();
    return 0;
  }
}
