package dev.openqoe.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Sorts beacons into {@link NumberedBeacon#SESSION_ORDER} within a fixed memory budget: batches
 * that outgrow it are sorted and spilled to temporary files, then merged. Inputs that fit in the
 * budget never touch the disk.
 */
final class BeaconSorter implements Closeable {

  /** Rough heap cost of one buffered beacon beyond its JSON text (objects, references). */
  private static final long OVERHEAD_BYTES = 160;

  private final long memoryBudgetBytes;
  private final Path tempDir;
  private final List<Path> runs = new ArrayList<>();
  private final List<SortRun.Cursor> cursors = new ArrayList<>();
  private List<NumberedBeacon> batch = new ArrayList<>();
  private long batchBytes;
  private long count;

  BeaconSorter(long memoryBudgetBytes, Path tempDir) {
    this.memoryBudgetBytes = memoryBudgetBytes;
    this.tempDir = tempDir;
  }

  /** Adds a beacon; {@code jsonLength} is the size of the line it was read from. */
  void add(NumberedBeacon beacon, long jsonLength) throws IOException {
    batch.add(beacon);
    batchBytes += OVERHEAD_BYTES + 2 * jsonLength;
    count++;
    if (batchBytes >= memoryBudgetBytes) {
      spill();
    }
  }

  long count() {
    return count;
  }

  int spilledRuns() {
    return runs.size();
  }

  private void spill() throws IOException {
    batch.sort(NumberedBeacon.SESSION_ORDER);
    Path run = Files.createTempFile(tempDir, "qoe-replay-run-", ".bin");
    runs.add(run);
    SortRun.write(run, batch);
    batch = new ArrayList<>();
    batchBytes = 0;
  }

  /** Every beacon added, in session order. Call once, after the last {@link #add}. */
  Iterator<NumberedBeacon> sorted() throws IOException {
    if (runs.isEmpty()) {
      batch.sort(NumberedBeacon.SESSION_ORDER);
      return batch.iterator();
    }
    if (!batch.isEmpty()) {
      spill();
    }
    PriorityQueue<SortRun.Cursor> heads =
        new PriorityQueue<>(
            Comparator.comparing(SortRun.Cursor::head, NumberedBeacon.SESSION_ORDER));
    for (Path run : runs) {
      SortRun.Cursor cursor = new SortRun.Cursor(run);
      cursors.add(cursor);
      if (cursor.head() != null) {
        heads.add(cursor);
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !heads.isEmpty();
      }

      @Override
      public NumberedBeacon next() {
        SortRun.Cursor cursor = heads.poll();
        if (cursor == null) {
          throw new NoSuchElementException();
        }
        NumberedBeacon head = cursor.head();
        cursor.advance();
        if (cursor.head() != null) {
          heads.add(cursor);
        }
        return head;
      }
    };
  }

  /** Deletes the temporary files. */
  @Override
  public void close() {
    for (SortRun.Cursor cursor : cursors) {
      try {
        cursor.close();
      } catch (IOException ignored) {
        // the file is deleted next; a failed close of a read-only stream loses nothing
      }
    }
    for (Path run : runs) {
      try {
        Files.deleteIfExists(run);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete temporary sort run " + run, e);
      }
    }
  }
}
