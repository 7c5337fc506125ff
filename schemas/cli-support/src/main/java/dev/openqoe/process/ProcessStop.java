package dev.openqoe.process;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ends a child process as every part of ours is ended: SIGTERM, then SIGKILL after a grace. */
public final class ProcessStop {

  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private ProcessStop() {}

  /**
   * Asks {@code process} to exit and waits up to {@code grace}, then kills it. True when it exited
   * within the grace (or had already). An interrupt kills it at once and keeps the interrupt.
   */
  public static boolean stop(Process process, Duration grace) {
    if (!process.isAlive()) {
      return true;
    }
    process.destroy();
    try {
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
      process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    return false;
  }
}
