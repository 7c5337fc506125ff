package dev.openqoe.pinot;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "pinot-tables",
    mixinStandardHelpOptions = true,
    description =
        "Create or update the qoe_sessions and qoe_intervals REALTIME tables (idempotent).")
final class PinotTablesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--controller",
      defaultValue =
          "${env:QOE_PINOT_CONTROLLER:-http://127.0.0.1:" + PinotDefaults.CONTROLLER_PORT + "}",
      description = "Pinot controller URL (env QOE_PINOT_CONTROLLER). Default: ${DEFAULT-VALUE}.")
  String controller;

  @Option(
      names = "--kafka",
      defaultValue = PinotDefaults.KAFKA_BOOTSTRAP,
      description =
          "Kafka bootstrap servers the tables consume from (env QOE_KAFKA_BOOTSTRAP). Default:"
              + " ${DEFAULT-VALUE}.")
  String kafka;

  @Override
  public Integer call() {
    for (String done : new PinotTables(controller).install(kafka)) {
      spec.commandLine().getOut().println(done);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
