package dev.openqoe.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Avro's binary encoding written into one growable array: zig-zag varints, length-prefixed UTF-8.
 * Avro's own direct encoder writes varints a byte at a time through a synchronized stream, and
 * every beacon passes through here on the collector's event loop.
 */
final class AvroOutput {

  private byte[] buffer;
  private int length;

  AvroOutput(int initialCapacity) {
    buffer = new byte[initialCapacity];
  }

  void writeInt(int value) {
    writeLong(value);
  }

  void writeLong(long value) {
    ensure(10);
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      buffer[length++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    buffer[length++] = (byte) n;
  }

  void writeBoolean(boolean value) {
    ensure(1);
    buffer[length++] = (byte) (value ? 1 : 0);
  }

  /** A string: its UTF-8 length, then its UTF-8 bytes (copied as they go when it is ASCII). */
  void writeString(String value) {
    int chars = value.length();
    int start = length;
    writeLong(chars);
    ensure(chars);
    for (int i = 0; i < chars; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        length = start;
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeLong(utf8.length);
        writeRaw(utf8);
        return;
      }
      buffer[length++] = (byte) c;
    }
  }

  /** Bytes written by another output, as they are (no length prefix). */
  void writeRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, length);
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
