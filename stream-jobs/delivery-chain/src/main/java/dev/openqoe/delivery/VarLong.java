package dev.openqoe.delivery;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Non-negative longs in 7-bit groups, low first (a counter below 128 is one byte): the store form
 * of health counters, which are mostly small, read and written once per event.
 */
final class VarLong {

  private VarLong() {}

  static void write(DataOutput out, long value) throws IOException {
    if (value < 0) {
      throw new IllegalArgumentException("a counter is never negative: " + value);
    }
    while (value >= 0x80) {
      out.writeByte((int) (value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.writeByte((int) value);
  }

  static long read(DataInput in) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (long) (b & 0x7F) << shift;
      if (b < 0x80) {
        return value;
      }
    }
    throw new IOException("a counter longer than 64 bits");
  }
}
