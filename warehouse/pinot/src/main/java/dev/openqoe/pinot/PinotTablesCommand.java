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
      description =
          "Pinot controller URL (default: $QOE_PINOT_CONTROLLER or http://127.0.0.1:9000)")
  String controller;

  @Option(
      names = "--kafka",
      description =
          "Kafka bootstrap servers the tables consume from (default: $QOE_KAFKA_BOOTSTRAP or 127.0.0.1:9092)")
  String kafka;

  @Override
  public Integer call() {
    String url = controller == null ? PinotDefaults.controller() : controller;
    String bootstrap = kafka == null ? PinotDefaults.kafkaBootstrap() : kafka;
    for (String done : new PinotTables(url).install(bootstrap)) {
      spec.commandLine().getOut().println(done);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
