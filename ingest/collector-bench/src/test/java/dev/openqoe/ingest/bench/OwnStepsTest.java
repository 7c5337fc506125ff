package dev.openqoe.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.protocol.Receipt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnStepsTest {

  private static final Receipt RECEIPT = CollectorBenchmark.receipt(1);

  @Test
  void timesBothStepsOnTheBodies() {
    byte[] body =
        ("{\"events\":[{\"v\":1,\"session_id\":\"s\",\"seq\":0,\"type\":\"heartbeat\",\"ts\":5}]}")
            .getBytes(StandardCharsets.UTF_8);

    OwnSteps steps = OwnSteps.time(List.of(body), RECEIPT, Duration.ofMillis(40));

    assertThat(steps.readAndCheck()).isPositive();
    assertThat(steps.encode()).isPositive();
    assertThat(steps.total()).isEqualTo(steps.readAndCheck() + steps.encode());
  }

  @Test
  void refusesBodiesTheCollectorWouldNotStoreAsTheyAre() {
    byte[] invalid = "{\"events\":[{\"v\":2}]}".getBytes(StandardCharsets.UTF_8);
    byte[] escaped = "{\"events\":[{\"os\":\"\\u0041\"}]}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> OwnSteps.time(List.of(invalid), RECEIPT, Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid");
    assertThatThrownBy(() -> OwnSteps.time(List.of(escaped), RECEIPT, Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scanned form");
  }
}
