package dev.openqoe.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes a temporary directory an embedded engine wrote into (a broker's log, Pinot's segments):
 * test fixtures and benchmarks call it once the engine stopped, else every run leaves tens of MB in
 * the temporary directory.
 */
public final class ScratchDirectory {

  private ScratchDirectory() {}

  /** Deletes {@code dir} and everything in it; a directory already gone is fine. */
  public static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (NoSuchFileException gone) {
      // Nothing left to delete.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
