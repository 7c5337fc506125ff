package dev.openqoe.bench.path;

import dev.openqoe.process.ProcessStop;
import dev.openqoe.stack.up.StackPart;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One part of the stack started by the benchmark with its {@code qoe up} command line, in a session
 * of its own (so a Ctrl-C reaches the benchmark alone, which then stops it), output in its log.
 * Stopped by its PID: SIGTERM, then after a grace period SIGKILL to it and every process below it
 * (Pinot runs a second JVM).
 */
final class PartProcess implements AutoCloseable {

  private static final Duration GRACE = Duration.ofSeconds(60);

  /** Log lines that say a part failed while it kept running: Flink failing over its job. */
  private static final Pattern FAILURE =
      Pattern.compile(
          "switched from (state )?[A-Z_]+ to (FAILED|FAILING|RESTARTING)|Triggering job failover");

  private final StackPart part;
  private final Process process;
  private final Path log;
  private long logRead;

  private PartProcess(StackPart part, Process process, Path log) {
    this.part = part;
    this.process = process;
    this.log = log;
  }

  static PartProcess start(StackPart part, List<String> extraArgs, Path logs) throws IOException {
    Path log = logs.resolve(part.name() + ".log");
    List<String> command = new ArrayList<>(List.of("setsid"));
    command.addAll(part.command());
    command.addAll(extraArgs);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(part.environment());
    return new PartProcess(part, builder.start(), log);
  }

  String name() {
    return part.name();
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Waits for the part's readiness contract; fails with the end of its log if it exits first. */
  void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!part.readiness().check()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            part.name()
                + " exited with "
                + process.exitValue()
                + " before it was ready:\n"
                + tail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            part.name() + " not ready within " + timeout + ":\n" + tail());
      }
      Thread.sleep(250);
    }
  }

  /** The log lines since the last call that say the part failed (a job restart). */
  List<String> newFailures() {
    List<String> failures = new ArrayList<>();
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      if (file.length() < logRead) {
        logRead = 0;
      }
      file.seek(logRead);
      byte[] rest = new byte[(int) Math.min(file.length() - logRead, 64L << 20)];
      file.readFully(rest);
      int lastLine = new String(rest, StandardCharsets.UTF_8).lastIndexOf('\n');
      if (lastLine < 0) {
        return failures;
      }
      String complete = new String(rest, 0, lastLine + 1, StandardCharsets.UTF_8);
      logRead += complete.getBytes(StandardCharsets.UTF_8).length;
      complete.lines().filter(line -> FAILURE.matcher(line).find()).forEach(failures::add);
      return failures;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  /** The last lines of the log. */
  String tail() {
    try (Stream<String> lines = java.nio.file.Files.lines(log, StandardCharsets.UTF_8)) {
      List<String> all = lines.toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then SIGKILL to the part and its children after the grace period. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    ProcessStop.stop(process, GRACE);
    // A part's own children (Pinot's JVM) end with it; one that outlives it is killed.
    for (ProcessHandle child : children) {
      try {
        child.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception stillRunning) {
        child.destroyForcibly();
      }
    }
  }
}
