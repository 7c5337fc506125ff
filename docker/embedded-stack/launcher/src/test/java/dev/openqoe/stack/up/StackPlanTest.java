package dev.openqoe.stack.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackPlanTest {

  private static final Path HOME = Path.of("/repo");
  private static final Path DATA = Path.of("/data");

  private static final Path SLO_FILE = Path.of("/repo/stream-jobs/slo/config/slo.yaml");

  private static StackPlan plan(boolean simulator) {
    return plan(simulator, List.of());
  }

  private static StackPlan plan(boolean simulator, List<String> alertmanagers) {
    return new StackPlan(
        HOME,
        DATA,
        simulator,
        5,
        100,
        8480,
        9092,
        9000,
        8099,
        2181,
        SLO_FILE,
        alertmanagers,
        false,
        8085,
        9466);
  }

  private static StackPlan planWithTrino() {
    return new StackPlan(
        HOME, DATA, true, 5, 100, 8480, 9092, 9000, 8099, 2181, SLO_FILE, List.of(), true, 18085,
        9466);
  }

  @Test
  void partsStartInOrderThroughTheQoeLauncher() {
    assertThat(plan(true).parts())
        .extracting(StackPart::name)
        .containsExactly(
            "collector",
            "pinot",
            "pipeline",
            "ops-normaliser",
            "slo-evaluator",
            "lag-monitor",
            "simulator");
    assertThat(plan(true).parts())
        .allSatisfy(part -> assertThat(part.command().get(0)).isEqualTo("/repo/qoe"));
  }

  @Test
  void withoutTheSimulatorTheCollectorTrustsNoForwardedAddresses() {
    StackPart collector = plan(false).parts().get(0);

    assertThat(plan(false).parts()).extracting(StackPart::name).doesNotContain("simulator");
    assertThat(collector.command()).noneMatch(arg -> arg.startsWith("--trust-forwarded-for"));
    assertThat(plan(true).parts().get(0).command())
        .contains(
            "--trust-forwarded-for=true",
            "--trusted-proxies=127.0.0.1,::1",
            "--geoip.database=/data/simulator/geoip/simulator-country.mmdb");
  }

  @Test
  void eachPartWaitsOnItsOwnReadinessContract() {
    List<StackPart> parts = plan(true).parts();

    assertThat(parts.get(0).readiness())
        .isEqualTo(new Readiness.HttpOk(URI.create("http://127.0.0.1:8480/readyz")));
    for (StackPart part : parts.subList(1, parts.size())) {
      Path file = DATA.resolve("run").resolve(part.name() + ".ready");
      assertThat(part.readiness()).isEqualTo(new Readiness.FileWritten(file));
      assertThat(part.command()).containsSequence("--ready-file", file.toString());
    }
  }

  @Test
  void partsFindKafkaAndTheirDataWhereTheStackPutsThem() {
    List<StackPart> parts = plan(true).parts();

    assertThat(parts.get(0).environment())
        .containsEntry("QOE_COLLECTOR_KAFKA_EMBEDDED_DIR", "/data/kafka");
    assertThat(parts.get(0).command()).contains("--port=8480", "--kafka.embedded-port=9092");
    assertThat(parts.get(1).environment()).containsEntry("QOE_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    assertThat(parts.get(2).environment())
        .containsEntry("QOE_DATA_DIR", "/data")
        .containsEntry("QOE_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    assertThat(parts.get(3).environment())
        .containsEntry("QOE_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
        .containsEntry("QOE_OPS_STATE_DIR", "/data/ops-normaliser");
    assertThat(parts.get(6).command())
        .containsSequence("--rate", "5")
        .containsSequence("--collector", "http://127.0.0.1:8480/v1/beacons");
  }

  @Test
  void onlyTheSimulatorMayEndWithoutEndingTheStack() {
    assertThat(plan(true).parts())
        .filteredOn(part -> !part.essential())
        .extracting(StackPart::name)
        .containsExactly("simulator");
  }

  @Test
  void theSloEvaluatorReadsTheStacksPinotAndLogsAlertsToItsKafka() {
    StackPart evaluator = plan(false).parts().get(4);

    assertThat(evaluator.name()).isEqualTo("slo-evaluator");
    assertThat(evaluator.command())
        .containsSequence("/repo/qoe", "slo-evaluator")
        .containsSequence("--slo-file", SLO_FILE.toString())
        .containsSequence("--broker", "http://127.0.0.1:8099")
        .containsSequence("--kafka", "127.0.0.1:9092")
        .doesNotContain("--alertmanager");
    assertThat(evaluator.ready())
        .contains("qoe.slo.alerts.v1 (./qoe alerts) only")
        .contains("--alertmanager URL");
    assertThat(plan(false).banner(1, "memory").lines())
        .anyMatch(line -> line.contains("SLO alerts") && line.contains("qoe.slo.alerts.v1"))
        .anyMatch(line -> line.contains("./qoe alerts"));
  }

  @Test
  void eachAlertmanagerGivenIsPassedOnAndNamedWhereAlertsGo() {
    StackPart evaluator =
        plan(true, List.of("http://am-1:9093", "http://am-2:9093")).parts().get(4);

    assertThat(evaluator.command())
        .containsSequence(
            "--alertmanager", "http://am-1:9093", "--alertmanager", "http://am-2:9093");
    assertThat(evaluator.ready())
        .endsWith(
            "qoe.slo.alerts.v1 (./qoe alerts) and Alertmanager http://am-1:9093, http://am-2:9093");
  }

  @Test
  void trinoRunsOnlyWhenAskedAfterThePipelineAndItsEndDoesNotEndTheStack() {
    assertThat(plan(true).parts()).extracting(StackPart::name).doesNotContain("trino");
    assertThat(plan(true).banner(1, "memory")).doesNotContain("Trino");

    List<StackPart> parts = planWithTrino().parts();
    assertThat(parts)
        .extracting(StackPart::name)
        .containsExactly(
            "collector",
            "pinot",
            "pipeline",
            "ops-normaliser",
            "slo-evaluator",
            "lag-monitor",
            "trino",
            "simulator");
    StackPart trino = parts.get(6);
    assertThat(trino.command())
        .containsSequence("/repo/qoe", "trino")
        .containsSequence("--port", "18085")
        .containsSequence("--data-dir", "/data")
        .containsSequence("--ready-file", "/data/run/trino.ready");
    assertThat(trino.readiness())
        .isEqualTo(new Readiness.FileWritten(DATA.resolve("run/trino.ready")));
    assertThat(trino.essential()).isFalse();
    assertThat(planWithTrino().banner(1, "memory")).contains("jdbc:trino://127.0.0.1:18085/qoe");
  }

  @Test
  void theLagMonitorWatchesTheStacksKafkaAndPinotAndServesItsMetricsOnItsPort() {
    StackPart monitor = plan(false).parts().get(5);

    assertThat(monitor.name()).isEqualTo("lag-monitor");
    assertThat(monitor.command())
        .containsSequence("/repo/qoe", "lag-monitor")
        .containsSequence("--kafka", "127.0.0.1:9092")
        .containsSequence("--pinot-controller", "http://127.0.0.1:9000")
        .containsSequence("--port", "9466");
    assertThat(monitor.essential()).as("unread records must not be deleted silently").isTrue();
    assertThat(monitor.ready()).startsWith("http://127.0.0.1:9466/metrics");
    assertThat(plan(false).banner(1, "memory").lines())
        .anyMatch(line -> line.contains("lag") && line.contains("http://127.0.0.1:9466/metrics"));
  }
}
