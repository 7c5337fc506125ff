package dev.openqoe.stack.up;

import dev.openqoe.cli.ReadyFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Runs the parts of a stack: starts them in order, each once the one before it is ready; watches
 * them; stops them in reverse order. Progress goes to {@code out}, one timed line per step, and the
 * end of a part's log when it fails.
 */
final class StackSupervisor {

  /** A part that exited or was not ready in time; what happened has been reported. */
  static final class StackFailure extends Exception {
    StackFailure(String message) {
      super(message);
    }
  }

  static final Duration STOP_GRACE = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration MEMORY_EVERY = Duration.ofMinutes(1);
  private static final int LOG_TAIL_LINES = 25;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Path dataDir;
  private final Path logs;
  private final PrintStream out;
  private final Duration startTimeout;
  private final List<RunningPart> running = new ArrayList<>();
  private final List<Supplier<String>> statusLines = new CopyOnWriteArrayList<>();
  private volatile boolean stopping;

  /** A supervisor whose parts log to {@code dataDir/logs/<part>.log}. */
  StackSupervisor(Path dataDir, PrintStream out, Duration startTimeout) {
    this.dataDir = dataDir;
    this.logs = dataDir.resolve("logs");
    this.out = out;
    this.startTimeout = startTimeout;
  }

  /**
   * Runs a one-shot step before the parts (its output in {@code logs/<name>.log}); fails with what
   * it printed, headed by {@code failure}, when it exits non-zero.
   */
  void runStep(String name, List<String> command, String failure)
      throws IOException, InterruptedException, StackFailure {
    Files.createDirectories(logs);
    Path log = logs.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (process.waitFor() != 0) {
      say(failure + ":");
      out.println(Files.readString(log));
      throw new StackFailure(name);
    }
  }

  /** Starts {@code parts} in order; returns once all are ready. */
  void startAll(List<StackPart> parts) throws IOException, InterruptedException, StackFailure {
    Files.createDirectories(logs);
    for (StackPart part : parts) {
      if (part.readiness() instanceof Readiness.FileWritten written) {
        ReadyFile.withdraw(written.file()); // one left by a run that was killed
      }
      say(part.starting());
      RunningPart started;
      synchronized (running) {
        if (stopping) {
          throw new StackFailure("stopped while starting");
        }
        started = RunningPart.start(part, logs);
        running.add(started);
      }
      awaitReady(started);
      say(part.name() + " ready: " + part.ready());
    }
  }

  private void awaitReady(RunningPart part) throws InterruptedException, StackFailure {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (!part.part().readiness().check()) {
      if (!part.alive()) {
        throw failure(part, "exited before it was ready (exit code " + part.exitValue() + ")");
      }
      if (System.nanoTime() > deadline) {
        throw failure(part, "was not ready after " + startTimeout.toSeconds() + " s");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Adds a line to the status printed every minute after the memory line (the consumers' lag). */
  void addStatusLine(Supplier<String> line) {
    statusLines.add(line);
  }

  /**
   * Watches the parts until an essential one exits (then returns 1); a part that dies takes the
   * stack down, except the simulator, which only brings traffic. Every minute, a memory line and
   * the status lines added.
   */
  int watch() throws InterruptedException {
    long lastMemoryLine = System.nanoTime();
    while (true) {
      for (RunningPart part : List.copyOf(running)) {
        if (!part.alive() && !stopping) {
          report(part, "exited (exit code " + part.exitValue() + ")");
          if (part.part().essential()) {
            return 1;
          }
          say("the stack stays up without the " + part.name());
          synchronized (running) {
            running.remove(part);
          }
        }
      }
      // Not while stopping: the parts going away would only report themselves gone.
      if (!stopping && System.nanoTime() - lastMemoryLine >= MEMORY_EVERY.toNanos()) {
        say(memoryLine());
        statusLines.forEach(line -> say(line.get()));
        lastMemoryLine = System.nanoTime();
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Stops the started parts in reverse start order, each within {@link #STOP_GRACE}. */
  void stopAll() {
    List<RunningPart> toStop;
    synchronized (running) {
      if (stopping) {
        return;
      }
      stopping = true;
      toStop = new ArrayList<>(running);
    }
    for (int i = toStop.size() - 1; i >= 0; i--) {
      RunningPart part = toStop.get(i);
      if (!part.alive()) {
        continue;
      }
      say("stopping " + part.name() + " (pid " + part.pid() + ")");
      try {
        if (!part.stop(STOP_GRACE)) {
          say(part.name() + " did not stop in " + STOP_GRACE.toSeconds() + " s; killed it");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    say("stopped; data kept in " + dataDir);
  }

  /** "memory (RSS): collector 410 MiB, pinot 520 MiB; total 930 MiB" over the running parts. */
  String memoryLine() {
    List<String> parts = new ArrayList<>();
    long total = 0;
    for (RunningPart part : List.copyOf(running)) {
      long mib = part.rssMiB();
      total += mib;
      parts.add(part.name() + " " + mib + " MiB");
    }
    return "memory (RSS): " + String.join(", ", parts) + "; total " + total + " MiB";
  }

  void say(String line) {
    out.println(LocalTime.now().format(CLOCK) + " qoe up: " + line);
    out.flush();
  }

  private StackFailure failure(RunningPart part, String what) {
    if (!stopping) {
      report(part, what);
    }
    return new StackFailure(part.name() + " " + what);
  }

  private void report(RunningPart part, String what) {
    say(part.name() + " " + what + "; the end of " + part.log() + ":");
    part.logTail(LOG_TAIL_LINES).forEach(out::println);
    out.flush();
  }
}
