package dev.openqoe.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChildJvmTest {

  @Test
  void aChildThatExitsBeforeItsReadyLineIsReportedWithItsLastOutput() {
    assertThatThrownBy(
            () ->
                ChildJvm.start(
                    "version printer",
                    List.of(ChildJvm.javaLauncher(), "-version"),
                    Pattern.compile("NEVER PRINTED"),
                    Duration.ofSeconds(30),
                    "stdout"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version printer did not start within 30 s (log: stdout)")
        .hasMessageContaining(Runtime.version().feature() + "");
  }

  @Test
  void aReadyChildIsStoppedByClose() throws Exception {
    ChildJvm child =
        ChildJvm.start(
            "stdin waiter",
            List.of(
                ChildJvm.javaLauncher(),
                "-cp",
                System.getProperty("java.class.path"),
                ReadyThenWait.class.getName()),
            Pattern.compile("READY pid=(\\d+)"),
            Duration.ofSeconds(30),
            "stdout");
    assertThat(Long.parseLong(child.ready().group(1))).isEqualTo(child.pid());
    ProcessHandle handle = ProcessHandle.of(child.pid()).orElseThrow();

    child.close();

    assertThat(handle.isAlive()).isFalse();
  }

  /** A child that announces itself and waits for the end of its stdin. */
  public static final class ReadyThenWait {
    public static void main(String[] args) {
      System.out.println("some log line");
      System.out.println("READY pid=" + ProcessHandle.current().pid());
      System.out.flush();
      ChildJvm.awaitEndOfInput();
    }
  }
}
