package dev.openqoe.stack.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with real processes: small shell scripts that keep or break the contract. */
class StackSupervisorTest {

  @TempDir Path data;

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  private StackSupervisor supervisor(Duration startTimeout) {
    return new StackSupervisor(
        data, new PrintStream(output, true, StandardCharsets.UTF_8), startTimeout);
  }

  /** A part that writes its ready file after {@code script}'s first lines, then runs on. */
  private StackPart part(String name, String script, boolean essential) {
    Path ready = data.resolve("run").resolve(name + ".ready");
    String command =
        script.replace(
            "READY", "mkdir -p '" + ready.getParent() + "' && echo pid=$$ > '" + ready + "'");
    return new StackPart(
        name,
        "starting " + name,
        List.of("bash", "-c", command),
        Map.of("PART", name),
        new Readiness.FileWritten(ready),
        name + " serves",
        essential);
  }

  private String output() {
    return output.toString(StandardCharsets.UTF_8);
  }

  @Test
  void startsPartsInOrderAndStopsThemInReverse() throws Exception {
    StackSupervisor stack = supervisor(Duration.ofSeconds(20));
    Path order = data.resolve("order");
    String script =
        "trap 'echo stop $PART >> "
            + order
            + "; exit 0' TERM; echo start $PART >> "
            + order
            + "; READY; while true; do sleep 0.1; done";

    stack.startAll(List.of(part("first", script, true), part("second", script, true)));
    stack.stopAll();

    assertThat(Files.readAllLines(order))
        .containsExactly("start first", "start second", "stop second", "stop first");
    assertThat(output())
        .contains("qoe up: first ready: first serves")
        .contains("qoe up: second ready: second serves")
        .contains("qoe up: stopped; data kept in " + data);
    assertThat(output().indexOf("stopping second")).isLessThan(output().indexOf("stopping first"));
  }

  @Test
  void aPartThatExitsBeforeItIsReadyFailsTheStartWithTheEndOfItsLog() throws Exception {
    StackSupervisor stack = supervisor(Duration.ofSeconds(20));

    assertThatThrownBy(
            () ->
                stack.startAll(
                    List.of(part("broken", "echo 'no Kafka at 127.0.0.1:1'; exit 3", true))))
        .isInstanceOf(StackSupervisor.StackFailure.class);

    assertThat(output())
        .contains("broken exited before it was ready (exit code 3)")
        .contains("no Kafka at 127.0.0.1:1");
    stack.stopAll();
  }

  @Test
  void theEndOfALongLogIsItsLastLines() throws Exception {
    StackSupervisor stack = supervisor(Duration.ofSeconds(20));
    String script = "for i in $(seq 1 100000); do echo \"line $i of a long run\"; done; exit 1";

    assertThatThrownBy(() -> stack.startAll(List.of(part("chatty", script, true))))
        .isInstanceOf(StackSupervisor.StackFailure.class);

    assertThat(output())
        .contains("line 99976 of a long run")
        .contains("line 100000 of a long run")
        .doesNotContain("line 99975 of a long run");
    stack.stopAll();
  }

  @Test
  void aPartThatIsNeverReadyFailsTheStartAfterTheTimeout() throws Exception {
    StackSupervisor stack = supervisor(Duration.ofMillis(700));

    assertThatThrownBy(() -> stack.startAll(List.of(part("slow", "echo waiting; sleep 30", true))))
        .isInstanceOf(StackSupervisor.StackFailure.class);

    assertThat(output()).contains("slow was not ready after 0 s").contains("waiting");
    stack.stopAll();
    assertThat(output()).contains("stopping slow");
  }

  @Test
  void aReadyFileLeftByAKilledRunDoesNotCountAsReady() throws Exception {
    Path stale = data.resolve("run/late.ready");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "pid=1\n");
    StackSupervisor stack = supervisor(Duration.ofMillis(700));

    assertThatThrownBy(() -> stack.startAll(List.of(part("late", "sleep 30", true))))
        .isInstanceOf(StackSupervisor.StackFailure.class);
    stack.stopAll();
  }

  @Test
  void anEssentialPartThatDiesEndsTheWatchButTheSimulatorDoesNot() throws Exception {
    StackSupervisor stack = supervisor(Duration.ofSeconds(20));
    stack.startAll(
        List.of(
            part("collector", "READY; sleep 1; echo 'collector lost its disk'; exit 1", true),
            part("simulator", "READY; exit 0", false)));

    assertThat(stack.watch()).isEqualTo(1);

    assertThat(output())
        .contains("simulator exited (exit code 0)")
        .contains("the stack stays up without the simulator")
        .contains("collector exited (exit code 1)")
        .contains("collector lost its disk");
    stack.stopAll();
  }

  @Test
  void aFailedStepStopsTheStartWithWhatItPrinted() {
    StackSupervisor stack = supervisor(Duration.ofSeconds(5));

    assertThatThrownBy(
            () ->
                stack.runStep(
                    "geoip", List.of("bash", "-c", "echo disk full; exit 1"), "no databases"))
        .isInstanceOf(StackSupervisor.StackFailure.class);

    assertThat(output()).contains("qoe up: no databases:").contains("disk full");
  }

  @Test
  void theMemoryLineNamesEveryRunningPart() throws Exception {
    StackSupervisor stack = supervisor(Duration.ofSeconds(20));
    stack.startAll(List.of(part("only", "READY; sleep 30", true)));

    assertThat(stack.memoryLine()).matches("memory \\(RSS\\): only \\d+ MiB; total \\d+ MiB");
    stack.stopAll();
  }
}
