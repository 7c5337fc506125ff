package dev.openqoe.stack;

import dev.openqoe.cli.ReadyFile;
import dev.openqoe.embedded.EmbeddedPinot;
import dev.openqoe.pinot.PinotCli;
import dev.openqoe.pinot.PinotDefaults;
import dev.openqoe.pinot.PinotException;
import dev.openqoe.pinot.PinotTables;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qoe pinot}: the embedded Pinot of the default stack, with our tables installed. */
@Command(
    name = "pinot",
    mixinStandardHelpOptions = true,
    description = {
      "Run the embedded Pinot 0.11 (ZooKeeper, controller, broker, server in one child JVM on"
          + " 127.0.0.1) in the foreground and install our tables; Ctrl-C stops it.",
      "Tables and segments stay in --data-dir across restarts on the same ports."
    })
public final class EmbeddedPinotCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:QOE_PINOT_DATA_DIR:-data/pinot}",
      description = "where Pinot keeps its state and pinot.log (default: ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--controller-port", defaultValue = "" + PinotDefaults.CONTROLLER_PORT)
  int controllerPort;

  @Option(names = "--broker-port", defaultValue = "" + PinotDefaults.BROKER_PORT)
  int brokerPort;

  @Option(names = "--zookeeper-port", defaultValue = "" + PinotDefaults.ZOOKEEPER_PORT)
  int zookeeperPort;

  @Option(
      names = "--kafka",
      defaultValue = PinotDefaults.KAFKA_BOOTSTRAP,
      description =
          "Kafka bootstrap servers for the tables (env QOE_KAFKA_BOOTSTRAP). Default:"
              + " ${DEFAULT-VALUE}.")
  String kafka;

  @Option(
      names = "--ready-file",
      description =
          "Written once Pinot serves and the tables are installed (controller, broker), removed"
              + " at exit; with it, tables that cannot be installed stop Pinot with exit code 1.")
  Path readyFile;

  public static void main(String[] args) {
    System.exit(PinotCli.commandLine(new EmbeddedPinotCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    var out = spec.commandLine().getOut();
    try (EmbeddedPinot pinot =
        EmbeddedPinot.start(dataDir, controllerPort, brokerPort, zookeeperPort)) {
      out.printf(
          "Pinot ready in %.1f s: controller %s, broker %s (pid %d, log %s)%n",
          pinot.startMillis() / 1000.0,
          pinot.controllerUrl(),
          pinot.brokerUrl(),
          pinot.pid(),
          dataDir.resolve("pinot.log"));
      try {
        new PinotTables(pinot.controllerUrl()).install(kafka).forEach(out::println);
      } catch (PinotException e) {
        out.println(
            "tables not installed ("
                + e.getMessage()
                + "); start Kafka, then run ./qoe pinot-tables --kafka "
                + kafka);
        if (readyFile != null) {
          out.flush();
          return 1;
        }
      }
      if (readyFile != null) {
        ReadyFile.announce(
            readyFile, Map.of("controller", pinot.controllerUrl(), "broker", pinot.brokerUrl()));
      }
      out.flush();
      return pinot.waitFor();
    }
  }
}
