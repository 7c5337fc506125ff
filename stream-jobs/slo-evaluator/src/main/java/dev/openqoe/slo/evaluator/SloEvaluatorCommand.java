package dev.openqoe.slo.evaluator;

import dev.openqoe.cli.DurationConverter;
import dev.openqoe.cli.ReadyFile;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.kafka.TopicCreator;
import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.PinotBrokerOption;
import dev.openqoe.pinot.PinotDefaults;
import dev.openqoe.pinot.explain.Explain;
import dev.openqoe.slo.SloDefinition;
import dev.openqoe.slo.SloFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "slo-evaluator",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate the QoE SLOs of an SLO file over Pinot's sessions every interval with multi-window"
          + " burn-rate rules; log every alert transition (firing, resolved) to Kafka topic"
          + " qoe.slo.alerts.v1, and send the alerts to Alertmanager and webhooks.",
      "At start it reads the alert log to know which alerts are firing, so a restart neither"
          + " repeats a firing nor forgets a resolution."
    })
public final class SloEvaluatorCommand implements Callable<Integer> {

  @Option(
      names = "--slo-file",
      defaultValue = "${env:QOE_SLO_FILE:-stream-jobs/slo/config/slo.yaml}",
      description = "The SLO file (env QOE_SLO_FILE). Default: ${DEFAULT-VALUE}.")
  Path sloFile;

  @Mixin PinotBrokerOption broker;

  @Option(
      names = "--kafka",
      defaultValue = PinotDefaults.KAFKA_BOOTSTRAP,
      description = "Kafka of the alert log (env QOE_KAFKA_BOOTSTRAP). Default: ${DEFAULT-VALUE}.")
  String kafka;

  @Option(
      names = "--alertmanager",
      paramLabel = "URL",
      defaultValue = "${env:QOE_SLO_ALERTMANAGER}",
      split = ",",
      description =
          "Alertmanager base URL, e.g. http://127.0.0.1:9093 (repeat, or separate with commas,"
              + " for each of an HA cluster; env QOE_SLO_ALERTMANAGER, where empty means none)")
  List<String> alertmanagers = new ArrayList<>();

  @Option(
      names = "--webhook",
      paramLabel = "URL",
      description = "POST each transition's JSON record here (repeatable)")
  List<String> webhooks = new ArrayList<>();

  @Option(
      names = "--every",
      defaultValue = "1m",
      converter = DurationConverter.class,
      description = "Evaluation interval. Default: ${DEFAULT-VALUE}.")
  Duration every;

  @Option(
      names = "--dashboard-url",
      defaultValue = "${env:QOE_SLO_DASHBOARD_URL:-http://127.0.0.1:3000/d/openqoe-drilldown}",
      description =
          "Dashboard an alert links to, opened on its slice and window (env QOE_SLO_DASHBOARD_URL)."
              + " Default: ${DEFAULT-VALUE} (the Grafana drill-down of dashboards/).")
  String dashboardUrl;

  @Option(
      names = "--create-topics",
      negatable = true,
      arity = "0..1",
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Create qoe.slo.alerts.v1 when missing, with --replication-factor; off on a cluster whose"
              + " topics are made beforehand. Default: ${DEFAULT-VALUE}.")
  boolean createTopics;

  @Option(
      names = "--replication-factor",
      defaultValue = "1",
      description =
          "Replication of qoe.slo.alerts.v1 when it is created. Default: ${DEFAULT-VALUE}.")
  int replicationFactor;

  @Option(
      names = "--ready-file",
      description =
          "Written once the alert log is read and the first evaluation done, removed when it stops.")
  Path readyFile;

  /**
   * The Alertmanagers to send to: an empty QOE_SLO_ALERTMANAGER (a deployment that has none) reads
   * as one empty URL, which means none.
   */
  public List<String> alertmanagerUrls() {
    return alertmanagers.stream().filter(url -> !url.isBlank()).toList();
  }

  @Override
  public Integer call() throws InterruptedException {
    if (every.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("--every must be at least 1s, got " + every);
    }
    if (readyFile != null) {
      // Left by a run that was killed: it must not say "ready" before this one is.
      ReadyFile.withdraw(readyFile);
    }
    Reporter reporter = new Reporter(System.out, System.err);
    List<SloDefinition> slos = SloFile.load(sloFile);
    reporter.loaded(sloFile.toString(), slos);
    List<AlertTarget> targets = new ArrayList<>();
    alertmanagerUrls().forEach(url -> targets.add(new AlertmanagerTarget(url, every)));
    webhooks.forEach(url -> targets.add(new WebhookTarget(url, reporter)));
    reporter.sending(QoeTopics.SLO_ALERTS.name() + " at " + kafka, targets);
    if (createTopics) {
      TopicCreator.createMissing(kafka, List.of(QoeTopics.SLO_ALERTS), (short) replicationFactor);
    }
    PinotBroker pinot = broker.broker();
    RunningEvaluator evaluator =
        RunningEvaluator.start(
            slos,
            new PinotSliSource(pinot),
            kafka,
            new AlertRecords(
                new DeliveryChainExplainer(new Explain(pinot, Clock.systemUTC())), dashboardUrl),
            targets,
            every,
            Clock.systemUTC(),
            reporter);
    reporter.info(
        "evaluating every "
            + every.toSeconds()
            + " s over Pinot at "
            + broker.url()
            + "; Ctrl-C stops");
    if (readyFile != null) {
      ReadyFile.announce(
          readyFile,
          Map.of("kafka", kafka, "broker", broker.url(), "slos", String.valueOf(slos.size())));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  evaluator.close();
                  stopped.countDown();
                },
                "slo-evaluator-stop"));
    stopped.await();
    return 0;
  }
}
