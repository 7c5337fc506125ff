package dev.openqoe.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Child processes end: asked first, killed when they do not listen. */
class ProcessStopTest {

  @Test
  void aProcessThatHonoursSigtermEndsWithinTheGrace() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();

    assertThat(ProcessStop.stop(sleeper, Duration.ofSeconds(10))).isTrue();
    assertThat(sleeper.isAlive()).isFalse();
  }

  @Test
  void aProcessThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
    Process stubborn =
        new ProcessBuilder("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done")
            .start();
    assertThat(stubborn.inputReader().readLine()).isEqualTo("ready"); // the trap is set

    assertThat(ProcessStop.stop(stubborn, Duration.ofMillis(300))).isFalse();
    assertThat(stubborn.isAlive()).isFalse();
  }
}
