package dev.openqoe.drillbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One table's rows as files of JSON lines, one file per hour of the time column: each file becomes
 * one OFFLINE segment (named after it), the way a batch ingestion job partitions by time, so a
 * query over the last hours reads the segments of those hours only. Files of hours that can get no
 * more rows are closed as the rows move on.
 */
final class PinotRowFiles implements AutoCloseable {

  static final long HOUR_MS = 3_600_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final String table;
  private final String timeColumn;
  private final Map<Long, Writer> open = new TreeMap<>();
  private long rows;

  PinotRowFiles(Path dir, String table, String timeColumn) {
    this.dir = dir;
    this.table = table;
    this.timeColumn = timeColumn;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path dir() {
    return dir;
  }

  long rows() {
    return rows;
  }

  void add(ObjectNode row) {
    long hour = Math.floorDiv(row.get(timeColumn).asLong(), HOUR_MS);
    try {
      Writer out = open.get(hour);
      if (out == null) {
        out =
            new BufferedWriter(
                Files.newBufferedWriter(dir.resolve(table + "_" + hour + ".json")), 1 << 16);
        open.put(hour, out);
      }
      out.write(JSON.writeValueAsString(row));
      out.write('\n');
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the files of hours that end before {@code millis}: no row of theirs comes any more. */
  void closeBefore(long millis) {
    Iterator<Map.Entry<Long, Writer>> files = open.entrySet().iterator();
    while (files.hasNext()) {
      Map.Entry<Long, Writer> file = files.next();
      if ((file.getKey() + 1) * HOUR_MS <= millis) {
        closeQuietly(file.getValue());
        files.remove();
      }
    }
  }

  @Override
  public void close() {
    closeBefore(Long.MAX_VALUE);
  }

  private static void closeQuietly(Writer out) {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
