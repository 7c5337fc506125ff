package dev.openqoe.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

  @Test
  void theLinesBeforeTheReadyLineAreHandedOnAsTheyCome() {
    List<String> heard = new CopyOnWriteArrayList<>();
    try (ChildJvm child =
        ChildJvm.start(
            "stdin waiter",
            List.of(
                ChildJvm.javaLauncher(),
                "-cp",
                System.getProperty("java.class.path"),
                ReadyThenWait.class.getName()),
            Pattern.compile("READY pid=(\\d+)"),
            Duration.ofSeconds(30),
            "stdout",
            heard::add)) {
      assertThat(heard).containsExactly("some log line");
    }
  }

  @Test
  void aChildThatHangsInItsStartIsReportedWithWhatItWasWaitingFor() {
    assertThatThrownBy(
            () ->
                ChildJvm.start(
                    "hanging starter",
                    List.of(
                        ChildJvm.javaLauncher(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HangingStart.class.getName()),
                    Pattern.compile("NEVER PRINTED"),
                    Duration.ofSeconds(5),
                    "stdout"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hanging starter did not start within 5 s")
        .hasMessageContaining("starting the hanging service")
        .hasMessageContaining("what it was doing (main thread):")
        .hasMessageContaining("HangingStart.waitForAReplyThatNeverComes")
        .hasMessageContaining("all its threads: ");
  }

  /** A child whose start blocks forever, as a start waiting on a peer that never answers. */
  public static final class HangingStart {
    public static void main(String[] args) throws InterruptedException {
      System.out.println("starting the hanging service");
      System.out.flush();
      waitForAReplyThatNeverComes();
    }

    private static void waitForAReplyThatNeverComes() throws InterruptedException {
      new java.util.concurrent.CountDownLatch(1).await();
    }
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
