package dev.openqoe.pinot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StartProgressTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void aPartThatTakesLongerThanAnIntervalIsReportedWithWhatItWaitsOnWhileItWaits()
      throws Exception {
    CountDownLatch reply = new CountDownLatch(1);
    Thread starter = new Thread(() -> awaitAReply(reply), "starter");
    try (StartProgress progress =
        StartProgress.watch(starter, out, () -> "unused", Duration.ofMillis(200))) {
      progress.starting("the controller");
      starter.start();

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(printed())
                      .containsPattern("pinot: still starting the controller \\(\\d+ s\\): WAITING")
                      .contains("StartProgressTest.awaitAReply"));

      reply.countDown();
      starter.join();
      progress.started("controller started on port 9000");
    }

    assertThat(printed())
        .containsPattern("pinot: controller started on port 9000 \\(\\d+\\.\\d s\\)");
  }

  @Test
  void aPartStartedWithinTheIntervalPrintsOnlyItsStartedLine() {
    try (StartProgress progress =
        StartProgress.watch(Thread.currentThread(), out, () -> "unused", Duration.ofMinutes(1))) {
      progress.starting("the broker");
      progress.started("broker started on port 8099");
    }

    assertThat(printed().lines())
        .singleElement()
        .asString()
        .startsWith("pinot: broker started on port 8099 (");
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static void awaitAReply(CountDownLatch reply) {
    try {
      reply.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
