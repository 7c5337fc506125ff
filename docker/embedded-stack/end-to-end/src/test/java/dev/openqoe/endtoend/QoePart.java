package dev.openqoe.endtoend;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * One {@code ./qoe <part>} as {@code ./qoe up} runs it: a child process of this test (the script
 * execs the JVM, so its PID is the JVM's), its output appended to a log file across restarts.
 */
final class QoePart implements AutoCloseable {

  private static final int LOG_TAIL_LINES = 40;

  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;

  QoePart(Map<String, String> environment, Path log, String... args) {
    this.command = new ArrayList<>(List.of(EmbeddedStack.REPOSITORY.resolve("qoe").toString()));
    this.command.addAll(List.of(args));
    this.environment = Map.copyOf(environment);
    this.log = log;
  }

  /** Starts the part and waits until {@code ready} holds, or fails with the end of its log. */
  QoePart start(Callable<Boolean> ready, Duration timeout) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(EmbeddedStack.REPOSITORY.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    command + " exited with " + process.exitValue() + ":\n" + logTail());
              }
              return ready.call();
            });
    return this;
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye; returns once the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM, as Ctrl-C; SIGKILL if the part is still there a minute later. */
  @Override
  public void close() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      kill();
    }
  }
}
