package dev.openqoe.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server started in a JVM of its own (Pinot, whose libraries clash with ours; a Kafka broker
 * whose pauses must not land in a benchmark's figures). The child prints one ready line on stdout
 * and exits when its stdin closes, so it cannot outlive this process; {@link #close()} and a
 * shutdown hook also end it by its PID.
 */
public final class ChildJvm implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private static final int LINES_KEPT = 40;

  private final String name;
  private final Process process;
  private final Matcher ready;
  private final Thread shutdownHook;

  private ChildJvm(String name, Process process, Matcher ready) {
    this.name = name;
    this.process = process;
    this.ready = ready;
    this.shutdownHook = new Thread(this::stopProcess, name + "-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The path of the running JVM's java launcher, for children on the same JDK. */
  public static String javaLauncher() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Starts {@code command} and waits until a line of its output matches {@code readyLine}.
   *
   * @param name what the child is, for thread names and errors ("embedded Pinot")
   * @param logHint where the child's log is, named in the error when it does not start
   * @throws IllegalStateException with the child's last output when it exits or times out first
   */
  public static ChildJvm start(
      String name, List<String> command, Pattern readyLine, Duration timeout, String logHint) {
    return start(name, command, readyLine, timeout, logHint, line -> {});
  }

  /**
   * As {@link #start(String, List, Pattern, Duration, String)}, handing each line the child prints
   * before its ready line to {@code beforeReady} as it comes: a child that says what its start is
   * doing (Pinot's "pinot: ..." lines) is heard while it starts, not only when it failed to.
   */
  public static ChildJvm start(
      String name,
      List<String> command,
      Pattern readyLine,
      Duration timeout,
      String logHint,
      Consumer<String> beforeReady) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + name + " JVM", e);
    }
    return new ChildJvm(
        name, process, awaitReady(name, process, readyLine, timeout, logHint, beforeReady));
  }

  /** The ready line, matched: its groups carry what the child announced (URLs, ports). */
  public Matcher ready() {
    return ready;
  }

  public long pid() {
    return process.pid();
  }

  /** Blocks until the child exits. */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /**
   * Ends the child at once with SIGKILL (on Linux), as a crash or the kernel's OOM killer would: no
   * shutdown hook of its runs, nothing is flushed. Returns its exit status once it is gone, 137
   * (128 + SIGKILL) on Linux. For tests of what survives a crash.
   */
  public int kill() throws InterruptedException {
    int status = process.destroyForcibly().waitFor();
    close();
    return status;
  }

  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: nothing left to unregister
    }
  }

  private void stopProcess() {
    ProcessStop.stop(process, STOP_GRACE);
  }

  /**
   * Reads the child's output until the ready line, then keeps draining it so the child never
   * blocks.
   */
  private static Matcher awaitReady(
      String name,
      Process process,
      Pattern readyLine,
      Duration timeout,
      String logHint,
      Consumer<String> beforeReady) {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Matcher> ready = new CompletableFuture<>();
    List<String> lastLines = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  Matcher matcher = readyLine.matcher(line);
                  if (!ready.isDone() && matcher.find()) {
                    ready.complete(matcher);
                  } else if (!ready.isDone()) {
                    remember(lastLines, line);
                    beforeReady.accept(line);
                  }
                }
              } catch (IOException e) {
                // the child is gone; handled below through the future
              }
              ready.completeExceptionally(new IllegalStateException("the " + name + " JVM exited"));
            },
            name.replace(' ', '-') + "-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      String waitingIn = e instanceof TimeoutException ? ChildThreadDump.of(process).summary() : "";
      process.destroyForcibly();
      synchronized (lastLines) {
        throw new IllegalStateException(
            name
                + " did not start within "
                + timeout.toSeconds()
                + " s (log: "
                + logHint
                + "); its last output:\n"
                + String.join("\n", lastLines)
                + waitingIn
                + logTail(logHint),
            e);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + name, e);
    }
  }

  /**
   * The end of the child's own log when {@code logHint} names a file (Pinot writes its errors
   * there, not to its output), so a failed start says why without the file, which may be gone by
   * then.
   */
  private static String logTail(String logHint) {
    Path log = Path.of(logHint);
    if (!Files.isRegularFile(log)) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
      return "\nthe end of "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - LINES_KEPT), lines.size()));
    } catch (IOException unreadable) {
      return "";
    }
  }

  private static void remember(List<String> lines, String line) {
    synchronized (lines) {
      lines.add(line);
      if (lines.size() > LINES_KEPT) {
        lines.remove(0);
      }
    }
  }

  /** Blocks until stdin ends: the child's side of "exit when the parent goes away". */
  public static void awaitEndOfInput() {
    try {
      while (System.in.read() >= 0) {
        // nothing is sent on stdin; it only ever ends
      }
    } catch (IOException e) {
      // a broken stdin means the parent is gone, as an end of input does
    }
  }
}
