package dev.openqoe.stack.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackPlanTest {

  private static final Path HOME = Path.of("/repo");
  private static final Path DATA = Path.of("/data");

  private static StackPlan plan(boolean simulator) {
    return new StackPlan(HOME, DATA, simulator, 5, 100, 8480, 9092, 9000, 8099, 2181);
  }

  @Test
  void partsStartInOrderThroughTheQoeLauncher() {
    assertThat(plan(true).parts())
        .extracting(StackPart::name)
        .containsExactly("collector", "pinot", "pipeline", "ops-normaliser", "simulator");
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
    assertThat(parts.get(4).command())
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
}
