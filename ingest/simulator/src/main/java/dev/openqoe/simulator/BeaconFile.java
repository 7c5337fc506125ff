package dev.openqoe.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A copy of every beacon sent, as JSON lines ({@code qoe replay}'s input), or nothing when no file
 * was asked for.
 */
final class BeaconFile implements AutoCloseable {

  private final Path path;
  private final BufferedWriter out;

  private BeaconFile(Path path, BufferedWriter out) {
    this.path = path;
    this.out = out;
  }

  static BeaconFile open(Path path) {
    if (path == null) {
      return new BeaconFile(null, null);
    }
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new BeaconFile(path, Files.newBufferedWriter(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write beacons to " + path, e);
    }
  }

  void write(SimulatedSession session) {
    if (out == null) {
      return;
    }
    try {
      BeaconJson.writeLines(session.beacons(), out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write beacons to " + path, e);
    }
  }

  @Override
  public void close() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write beacons to " + path, e);
    }
  }
}
