package dev.openqoe.stack.up;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code qoe up} starts, in order, each part through the {@code ./qoe} command a user would
 * type (so every part runs exactly as it does alone), with the readiness contract it waits on.
 *
 * @param home the repository root, where the {@code qoe} launcher is
 * @param dataDir where every part keeps its data, logs under {@code logs/}, ready files under
 *     {@code run/}
 * @param sloFile the SLO file the SLO evaluator evaluates
 * @param alertmanagers the Alertmanager base URLs the SLO evaluator sends its alerts to, if any;
 *     its alert log (Kafka topic qoe.slo.alerts.v1) gets every transition in any case
 * @param trino whether Trino serves the warehouse too ({@code qoe trino}; off by default: its first
 *     start downloads 821 MB, and it takes a 2 GiB heap)
 * @param trinoPort Trino's HTTP port, when it runs
 * @param lagMonitorPort the lag monitor's metrics port ({@code ./qoe lag-monitor})
 */
public record StackPlan(
    Path home,
    Path dataDir,
    boolean simulator,
    double rate,
    int sessions,
    int collectorPort,
    int kafkaPort,
    int pinotControllerPort,
    int pinotBrokerPort,
    int pinotZookeeperPort,
    Path sloFile,
    List<String> alertmanagers,
    boolean trino,
    int trinoPort,
    int lagMonitorPort) {

  public StackPlan {
    alertmanagers = List.copyOf(alertmanagers);
  }

  public Path readyFile(String part) {
    return dataDir.resolve("run").resolve(part + ".ready");
  }

  public Path geoIpDir() {
    return dataDir.resolve("simulator/geoip");
  }

  public String collectorUrl() {
    return "http://127.0.0.1:" + collectorPort;
  }

  public String kafkaBootstrap() {
    return "127.0.0.1:" + kafkaPort;
  }

  /**
   * The one-shot step before the parts when the simulator runs: it places each viewer in a country
   * and ASN by its X-Forwarded-For address, and these databases map its address blocks, so
   * drill-downs by country and ASN have data.
   */
  public List<String> geoIpStep() {
    return qoe("simulate", "--write-geoip", geoIpDir().toString());
  }

  /** The parts in start order; they are stopped in the reverse order. */
  public List<StackPart> parts() {
    List<StackPart> parts = new ArrayList<>();
    List<String> collector =
        qoe(
            "collector",
            "--config",
            home.resolve("ingest/collector/config/collector-embedded.properties").toString(),
            "--port=" + collectorPort,
            "--kafka.embedded-port=" + kafkaPort);
    if (simulator) {
      collector.add("--trust-forwarded-for=true");
      // The simulator sends from this machine; its X-Forwarded-For names each viewer's address.
      collector.add("--trusted-proxies=127.0.0.1,::1");
      collector.add("--geoip.database=" + geoIpDir().resolve("simulator-country.mmdb"));
      collector.add("--geoip.asn-database=" + geoIpDir().resolve("simulator-asn.mmdb"));
    }
    parts.add(
        new StackPart(
            "collector",
            "starting Kafka and the collector (data in " + dataDir.resolve("kafka") + ")",
            collector,
            Map.of("QOE_COLLECTOR_KAFKA_EMBEDDED_DIR", dataDir.resolve("kafka").toString()),
            new Readiness.HttpOk(URI.create(collectorUrl() + "/readyz")),
            collectorUrl() + "/v1/beacons, Kafka " + kafkaBootstrap(),
            true));
    parts.add(
        new StackPart(
            "pinot",
            "starting Pinot (its own JVM, data in " + dataDir.resolve("pinot") + ")",
            qoe(
                "pinot",
                "--data-dir",
                dataDir.resolve("pinot").toString(),
                "--controller-port",
                Integer.toString(pinotControllerPort),
                "--broker-port",
                Integer.toString(pinotBrokerPort),
                "--zookeeper-port",
                Integer.toString(pinotZookeeperPort),
                "--ready-file",
                readyFile("pinot").toString()),
            Map.of("QOE_KAFKA_BOOTSTRAP", kafkaBootstrap()),
            new Readiness.FileWritten(readyFile("pinot")),
            "controller http://127.0.0.1:"
                + pinotControllerPort
                + ", broker http://127.0.0.1:"
                + pinotBrokerPort,
            true));
    parts.add(
        new StackPart(
            "pipeline",
            "starting the Flink pipeline (warehouse and checkpoints in " + dataDir + ")",
            qoe("pipeline", "--ready-file", readyFile("pipeline").toString()),
            Map.of("QOE_DATA_DIR", dataDir.toString(), "QOE_KAFKA_BOOTSTRAP", kafkaBootstrap()),
            new Readiness.FileWritten(readyFile("pipeline")),
            "Kafka -> Iceberg ODS/DWD/DWS and qoe.sessions.v1 / qoe.intervals.v1",
            true));
    parts.add(
        new StackPart(
            "ops-normaliser",
            "starting the delivery-chain normaliser (Kafka Streams, state in "
                + dataDir.resolve("ops-normaliser")
                + ")",
            qoe("ops-normaliser", "--ready-file", readyFile("ops-normaliser").toString()),
            Map.of(
                "QOE_KAFKA_BOOTSTRAP",
                kafkaBootstrap(),
                "QOE_OPS_STATE_DIR",
                dataDir.resolve("ops-normaliser").toString()),
            new Readiness.FileWritten(readyFile("ops-normaliser")),
            "qoe.ops.raw.* -> qoe.ops.events.v1, qoe.ops.health.v1, qoe.ops.dlq",
            true));
    List<String> sloEvaluator =
        qoe(
            "slo-evaluator",
            "--slo-file",
            sloFile.toString(),
            "--broker",
            pinotBrokerUrl(),
            "--kafka",
            kafkaBootstrap(),
            "--ready-file",
            readyFile("slo-evaluator").toString());
    alertmanagers.forEach(
        url -> {
          sloEvaluator.add("--alertmanager");
          sloEvaluator.add(url);
        });
    parts.add(
        new StackPart(
            "slo-evaluator",
            "starting the SLO evaluator (the SLOs of " + sloFile + ")",
            sloEvaluator,
            Map.of(),
            new Readiness.FileWritten(readyFile("slo-evaluator")),
            "every minute over Pinot; alerts to " + alertsGoTo(),
            true));
    parts.add(
        new StackPart(
            "lag-monitor",
            "starting the lag monitor (the pipeline's and Pinot's consumer lag against Kafka"
                + " retention)",
            qoe(
                "lag-monitor",
                "--kafka",
                kafkaBootstrap(),
                "--pinot-controller",
                "http://127.0.0.1:" + pinotControllerPort,
                "--port",
                Integer.toString(lagMonitorPort),
                "--ready-file",
                readyFile("lag-monitor").toString()),
            Map.of(),
            new Readiness.FileWritten(readyFile("lag-monitor")),
            lagMetricsUrl()
                + "; a consumer at risk of losing unread records to retention is a WARN in "
                + dataDir.resolve("logs/lag-monitor.log"),
            true));
    if (trino) {
      // After the pipeline, which creates the warehouse's tables; an analysts' tool, so its end
      // does not end the stack.
      parts.add(
          new StackPart(
              "trino",
              "starting Trino (its own JVM; the first start downloads it, 821 MB)",
              qoe(
                  "trino",
                  "--port",
                  Integer.toString(trinoPort),
                  "--data-dir",
                  dataDir.toString(),
                  "--ready-file",
                  readyFile("trino").toString()),
              Map.of(),
              new Readiness.FileWritten(readyFile("trino")),
              trinoJdbcUrl() + " (warehouse catalog qoe)",
              false));
    }
    if (simulator) {
      parts.add(
          new StackPart(
              "simulator",
              "starting the simulator ("
                  + rateText()
                  + " sessions/s, ground truth in "
                  + dataDir.resolve("simulator")
                  + ")",
              qoe(
                  "simulate",
                  "--clock",
                  "real-time",
                  "--rate",
                  rateText(),
                  "--sessions",
                  Integer.toString(sessions),
                  "--collector",
                  collectorUrl() + "/v1/beacons",
                  "--ready-file",
                  readyFile("simulator").toString()),
              Map.of("QOE_SIMULATE_GROUND_TRUTH", dataDir.resolve("simulator").toString()),
              new Readiness.FileWritten(readyFile("simulator")),
              "real-time sessions to the collector",
              false));
    }
    return List.copyOf(parts);
  }

  public String trinoJdbcUrl() {
    return "jdbc:trino://127.0.0.1:" + trinoPort + "/qoe";
  }

  /** Where the lag monitor serves its Prometheus metrics. */
  public String lagMetricsUrl() {
    return "http://127.0.0.1:" + lagMonitorPort + "/metrics";
  }

  public String pinotBrokerUrl() {
    return "http://127.0.0.1:" + pinotBrokerPort;
  }

  /** Where the SLO evaluator's alerts go: always the alert log, and any Alertmanager given. */
  public String alertsGoTo() {
    String log = "Kafka topic qoe.slo.alerts.v1 (./qoe alerts)";
    return alertmanagers.isEmpty()
        ? log + " only; --alertmanager URL sends them to an Alertmanager too"
        : log + " and Alertmanager " + String.join(", ", alertmanagers);
  }

  /** What to try once the stack is up, with the status lines as they are at that moment. */
  public String banner(long startSeconds, String statusLines) {
    return String.format(
        """

        OpenQoE is up in %d s. Data: %s   Logs: %s
          beacons      POST %s/v1/beacons   (header X-QoE-Key: dev-key)
          ops records  POST %s/v1/ops/<feed>   (CDN logs, jobs, license logs; X-QoE-Key: dev-key)
          metrics      %s/metrics
          Kafka        %s   topics qoe.beacons.v1, qoe.sessions.v1, qoe.intervals.v1, qoe.ops.*
          Pinot        http://127.0.0.1:%d (controller UI), broker http://127.0.0.1:%d
          SLO alerts   %s
          lag          %s   (./qoe lag-monitor --once: the table)
        %s
        Try, in another terminal (sessions reach Pinot and Iceberg once they end or go quiet for 2 minutes):
          ./qoe drill --metric rbr --by cdn,country --since 30m
          ./qoe drill --metric vsf --by drm_system,device_type --since 30m
          ./qoe sql "SELECT cdn, count(*) AS sessions, avg(rebuffer_ms) AS rebuffer_ms FROM dwd.sessions GROUP BY cdn"
          ./qoe sql "SELECT source, count(*) AS events FROM dwd.ops_events GROUP BY source"
          ./qoe sql-gateway     # JDBC for your SQL tools
          ./qoe alerts          # the SLO alerts firing now, and the transitions of the last 24 h

        %s
        Ctrl-C stops everything.
        """,
        startSeconds,
        dataDir,
        dataDir.resolve("logs"),
        collectorUrl(),
        collectorUrl(),
        collectorUrl(),
        kafkaBootstrap(),
        pinotControllerPort,
        pinotBrokerPort,
        alertsGoTo(),
        lagMetricsUrl(),
        trino
            ? "  Trino        " + trinoJdbcUrl() + "   (./qoe trino's banner in logs/trino.log)\n"
            : "",
        statusLines);
  }

  /** The rate as written: 5, not 5.0. */
  private String rateText() {
    return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
  }

  private List<String> qoe(String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("qoe").toString());
    command.addAll(List.of(args));
    return command;
  }
}
