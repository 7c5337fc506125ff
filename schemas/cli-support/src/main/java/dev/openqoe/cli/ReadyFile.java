package dev.openqoe.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The readiness contract of a long-running part ({@code qoe pinot}, {@code qoe pipeline}, {@code
 * qoe simulate}): once it serves, it writes a small properties file of facts about itself
 * (endpoints, pid), whole or not at all, and removes it when its JVM ends. {@code ./qoe up} waits
 * for that file instead of reading log text, which nothing promises to keep.
 */
public final class ReadyFile {

  /** The property every ready file carries: the pid of the part that wrote it. */
  public static final String PID = "pid";

  private ReadyFile() {}

  /**
   * Writes {@code facts} (and the writer's pid) to {@code path}: to a temporary file first, then
   * moved into place, so a reader sees either no file or all of it. The file is deleted when this
   * JVM exits.
   */
  public static void announce(Path path, Map<String, String> facts) {
    Properties properties = new Properties();
    properties.putAll(facts);
    properties.setProperty(PID, Long.toString(ProcessHandle.current().pid()));
    Path absolute = path.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
      try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        properties.store(out, "ready");
      }
      try {
        Files.move(
            partial, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the ready file " + absolute, e);
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> withdraw(absolute), "ready-file-withdraw"));
  }

  /** Removes the ready file at {@code path}, if there is one. */
  public static void withdraw(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the ready file " + path, e);
    }
  }

  /** The facts in the ready file at {@code path}, or empty while there is none. */
  public static Optional<Map<String, String>> read(Path path) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ready file " + path, e);
    }
    Map<String, String> facts = new TreeMap<>();
    properties.stringPropertyNames().forEach(name -> facts.put(name, properties.getProperty(name)));
    return Optional.of(facts);
  }
}
