package dev.openqoe.replay;

import dev.openqoe.protocol.BeaconBinary;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A sorted batch of beacons spilled to a temporary file: each entry is its input line number and
 * the beacon in {@link BeaconBinary} form.
 */
final class SortRun {

  private SortRun() {}

  static void write(Path file, List<NumberedBeacon> sorted) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      for (NumberedBeacon entry : sorted) {
        out.writeLong(entry.line());
        BeaconBinary.writeEvent(entry.beacon(), out);
      }
    }
  }

  /** Reads a run back in order, one entry ahead so the merge can compare heads. */
  static final class Cursor implements Closeable {
    private final DataInputStream in;
    private NumberedBeacon head;

    Cursor(Path file) throws IOException {
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
      advance();
    }

    NumberedBeacon head() {
      return head;
    }

    void advance() {
      try {
        long line;
        try {
          line = in.readLong();
        } catch (EOFException end) {
          head = null;
          return;
        }
        head = new NumberedBeacon(BeaconBinary.readEvent(in), line);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read sort run", e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
