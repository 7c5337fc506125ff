package dev.openqoe.stack.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A started part: its process, with its output in its log file. */
final class RunningPart {

  private static final int TAIL_BYTES = 64 * 1024;

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

  /**
   * The last {@code lines} lines of the part's log, read from its last {@link #TAIL_BYTES} only: a
   * part that ran for hours may have a log of hundreds of MB.
   */
  List<String> logTail(int lines) {
    try (SeekableByteChannel file = Files.newByteChannel(log)) {
      long start = Math.max(0, file.size() - TAIL_BYTES);
      ByteBuffer end = ByteBuffer.allocate((int) (file.size() - start));
      file.position(start);
      while (end.hasRemaining() && file.read(end) >= 0) {}
      List<String> all =
          new String(end.array(), 0, end.position(), StandardCharsets.UTF_8).lines().toList();
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
