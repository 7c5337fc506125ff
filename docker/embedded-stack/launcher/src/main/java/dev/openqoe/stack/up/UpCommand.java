package dev.openqoe.stack.up;

import dev.openqoe.cli.DurationConverter;
import dev.openqoe.lag.LagDefaults;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qoe up}: the whole embedded stack on 127.0.0.1, each part in its own process. */
@Command(
    name = "qoe up",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Starts on 127.0.0.1, in this order, with a line as each is ready:",
      "  Kafka (embedded in the collector's process)  127.0.0.1:9092, data in DIR/kafka",
      "  the collector                                http://127.0.0.1:8480/v1/beacons, /v1/ops/<feed>"
          + " (key dev-key)",
      "  Pinot (its own JVM) and its tables           http://127.0.0.1:9000 (controller), :8099",
      "  the Flink pipeline (MiniCluster)             Iceberg warehouse and checkpoints in DIR",
      "  the delivery-chain normaliser (Kafka Streams) state in DIR/ops-normaliser",
      "  the SLO evaluator                            the SLOs of --slo-file over Pinot every"
          + " minute; alerts to qoe.slo.alerts.v1 (./qoe alerts) and --alertmanager",
      "  the lag monitor                              http://127.0.0.1:"
          + LagDefaults.PORT_NUMBER
          + "/metrics: the pipeline's and Pinot's consumer lag against Kafka retention",
      "  Trino (with --trino; its own JVM)           jdbc:trino://127.0.0.1:8085/qoe over the"
          + " warehouse",
      "  the simulator (unless --no-simulator)        real-time sessions, ground truth in"
          + " DIR/simulator",
      "",
      "A part counts as started once its readiness contract holds: the collector answers"
          + " /readyz, the others write DIR/run/<part>.ready. Ctrl-C stops everything in reverse"
          + " order. Starting again on the same data directory keeps all earlier data. Logs:"
          + " DIR/logs/<part>.log.",
      ""
    })
public final class UpCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:QOE_DATA_DIR}",
      description = "Where everything is kept (env QOE_DATA_DIR). Default: ./data.")
  Path dataDir;

  @Option(
      names = "--no-simulator",
      description = "Bring your own players (the collector then trusts no X-Forwarded-For).")
  boolean noSimulator;

  @Option(
      names = "--rate",
      paramLabel = "SESSIONS_PER_SECOND",
      defaultValue = "${env:QOE_UP_SIMULATOR_RATE:-5}",
      description =
          "Simulated sessions started per second (env QOE_UP_SIMULATOR_RATE). Default:"
              + " ${DEFAULT-VALUE}.")
  double rate;

  @Option(
      names = "--sessions",
      defaultValue = "${env:QOE_UP_SIMULATOR_SESSIONS:-100000}",
      description =
          "The simulator stops after this many sessions (env QOE_UP_SIMULATOR_SESSIONS;"
              + " 5.5 h at 5/s). Default: ${DEFAULT-VALUE}.")
  int sessions;

  @Option(
      names = "--collector-port",
      defaultValue = "${env:QOE_COLLECTOR_PORT:-8480}",
      description = "Env QOE_COLLECTOR_PORT. Default: ${DEFAULT-VALUE}.")
  int collectorPort;

  @Option(
      names = "--kafka-port",
      defaultValue = "${env:QOE_COLLECTOR_KAFKA_EMBEDDED_PORT:-9092}",
      description = "Env QOE_COLLECTOR_KAFKA_EMBEDDED_PORT. Default: ${DEFAULT-VALUE}.")
  int kafkaPort;

  @Option(
      names = "--pinot-controller-port",
      defaultValue = "${env:QOE_UP_PINOT_CONTROLLER_PORT:-9000}",
      description = "Env QOE_UP_PINOT_CONTROLLER_PORT. Default: ${DEFAULT-VALUE}.")
  int pinotControllerPort;

  @Option(
      names = "--pinot-broker-port",
      defaultValue = "${env:QOE_UP_PINOT_BROKER_PORT:-8099}",
      description = "Env QOE_UP_PINOT_BROKER_PORT. Default: ${DEFAULT-VALUE}.")
  int pinotBrokerPort;

  @Option(
      names = "--pinot-zookeeper-port",
      defaultValue = "${env:QOE_UP_PINOT_ZOOKEEPER_PORT:-2181}",
      description = "Env QOE_UP_PINOT_ZOOKEEPER_PORT. Default: ${DEFAULT-VALUE}.")
  int pinotZookeeperPort;

  @Option(
      names = "--slo-file",
      paramLabel = "FILE",
      defaultValue = "${env:QOE_SLO_FILE}",
      description =
          "The SLOs the SLO evaluator evaluates (env QOE_SLO_FILE). Default: the embedded"
              + " stack's, stream-jobs/slo/config/slo.yaml.")
  Path sloFile;

  @Option(
      names = "--alertmanager",
      paramLabel = "URL",
      defaultValue = "${env:QOE_SLO_ALERTMANAGER}",
      split = ",",
      description =
          "Also send the SLO alerts to this Alertmanager, e.g. http://127.0.0.1:9093 (repeat, or"
              + " separate with commas, for each of an HA cluster; env QOE_SLO_ALERTMANAGER)."
              + " Without it they go to the alert log only (./qoe alerts).")
  List<String> alertmanagers = new ArrayList<>();

  @Option(
      names = "--trino",
      description =
          "Also run Trino over the warehouse (./qoe trino). Off by default: its first start"
              + " downloads 821 MB, and it takes a 2 GiB heap.")
  boolean trino;

  @Option(
      names = "--trino-port",
      defaultValue = "${env:QOE_TRINO_PORT:-8085}",
      description = "With --trino (env QOE_TRINO_PORT). Default: ${DEFAULT-VALUE}.")
  int trinoPort;

  @Option(
      names = "--lag-monitor-port",
      defaultValue = "${env:QOE_LAG_PORT:-" + LagDefaults.PORT_NUMBER + "}",
      description = "The lag monitor's metrics port (env QOE_LAG_PORT). Default: ${DEFAULT-VALUE}.")
  int lagMonitorPort;

  @Option(
      names = "--start-timeout",
      converter = DurationConverter.class,
      defaultValue = "${env:QOE_UP_START_TIMEOUT:-300s}",
      description =
          "How long each part may take to be ready (env QOE_UP_START_TIMEOUT)."
              + " Default: ${DEFAULT-VALUE}.")
  Duration startTimeout;

  @Option(
      names = "--home",
      hidden = true,
      defaultValue = "${env:QOE_HOME:-.}",
      description = "The repository root, where the qoe launcher is (set by ./qoe).")
  Path home;

  public static void main(String[] args) {
    System.exit(new CommandLine(new UpCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!(rate >= 0)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--rate must be a number of at least 0, got " + rate);
    }
    Path root = home.toAbsolutePath().normalize();
    Path data = (dataDir == null ? root.resolve("data") : dataDir).toAbsolutePath().normalize();
    StackPlan plan =
        new StackPlan(
            root,
            data,
            !noSimulator,
            rate,
            sessions,
            collectorPort,
            kafkaPort,
            pinotControllerPort,
            pinotBrokerPort,
            pinotZookeeperPort,
            (sloFile == null ? root.resolve("stream-jobs/slo/config/slo.yaml") : sloFile)
                .toAbsolutePath()
                .normalize(),
            alertmanagers,
            trino,
            trinoPort,
            lagMonitorPort);
    StackSupervisor stack = new StackSupervisor(data, System.err, startTimeout);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stopAll, "qoe-up-stop"));
    long started = System.nanoTime();
    try {
      if (!noSimulator) {
        stack.runStep("geoip", plan.geoIpStep(), "could not write the simulator's GeoIP databases");
      }
      stack.startAll(plan.parts());
    } catch (StackSupervisor.StackFailure e) {
      return 1;
    }
    LagStatusLine lag = new LagStatusLine(URI.create(plan.lagMetricsUrl()));
    stack.addStatusLine(lag);
    System.err.print(
        plan.banner(
            Duration.ofNanos(System.nanoTime() - started).toSeconds(),
            stack.memoryLine() + "\n" + lag.get()));
    System.err.flush();
    return stack.watch();
  }
}
