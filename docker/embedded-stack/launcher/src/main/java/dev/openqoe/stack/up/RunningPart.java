package dev.openqoe.stack.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A started part: its process, with its output in its log file. */
final class RunningPart {

  private final StackPart part;
  private final Process process;
  private final Path log;

  private RunningPart(StackPart part, Process process, Path log) {
    this.part = part;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code part} in a session of its own ({@code setsid}), so that Ctrl-C in the terminal
   * reaches {@code qoe up} alone, which then stops the parts one by one in reverse order.
   */
  static RunningPart start(StackPart part, Path logs) throws IOException {
    Path log = logs.resolve(part.name() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(Stream.concat(Stream.of("setsid"), part.command().stream()).toList())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(part.environment());
    return new RunningPart(part, builder.start(), log);
  }

  StackPart part() {
    return part;
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

  int exitValue() {
    return process.exitValue();
  }

  /** Resident memory of the part and every process below it (Pinot runs a second JVM), in MiB. */
  long rssMiB() {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants())
            .mapToLong(handle -> residentKiB(handle.pid()))
            .sum()
        / 1024;
  }

  /**
   * Asks the part to stop (SIGTERM) and waits up to {@code grace}; then kills it and its children.
   */
  boolean stop(Duration grace) throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    children.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly().waitFor();
    return false;
  }

  /** The last {@code lines} lines of the part's log. */
  List<String> logTail(int lines) {
    try {
      List<String> all =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return all.subList(Math.max(0, all.size() - lines), all.size());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  Path log() {
    return log;
  }

  private static long residentKiB(long pid) {
    try (Stream<String> status = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
      return status
          .filter(line -> line.startsWith("VmRSS:"))
          .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
          .findFirst()
          .orElse(0);
    } catch (IOException | UncheckedIOException gone) {
      return 0;
    }
  }
}
