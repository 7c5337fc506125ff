package dev.openqoe.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines without ever holding more than {@code maxLineBytes} of one line, so a file with
 * a runaway line (a binary blob, a missing newline) cannot exhaust memory.
 */
final class BoundedLineReader {

  /** One line of input; {@code text} is null when the line was longer than the limit. */
  record Line(long number, String text, long length) {}

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[1 << 16];
  private int chunkPos;
  private int chunkEnd;
  private byte[] line = new byte[1024];
  private long lineNumber;

  BoundedLineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line without its terminator, or null at the end of input. */
  Line next() throws IOException {
    int kept = 0;
    long length = 0;
    while (true) {
      if (chunkPos == chunkEnd) {
        chunkEnd = in.read(chunk);
        chunkPos = 0;
        if (chunkEnd <= 0) {
          chunkEnd = 0;
          if (length == 0) {
            return null;
          }
          break;
        }
      }
      int start = chunkPos;
      while (chunkPos < chunkEnd && chunk[chunkPos] != '\n') {
        chunkPos++;
      }
      int count = chunkPos - start;
      int room = (int) Math.min(count, Math.max(0, maxLineBytes - length));
      if (room > 0) {
        if (kept + room > line.length) {
          line = Arrays.copyOf(line, Math.max(kept + room, line.length * 2));
        }
        System.arraycopy(chunk, start, line, kept, room);
        kept += room;
      }
      length += count;
      if (chunkPos < chunkEnd) {
        chunkPos++; // the newline
        break;
      }
    }
    lineNumber++;
    if (length > maxLineBytes) {
      return new Line(lineNumber, null, length);
    }
    int end = kept > 0 && line[kept - 1] == '\r' ? kept - 1 : kept;
    return new Line(lineNumber, new String(line, 0, end, StandardCharsets.UTF_8), length);
  }
}
