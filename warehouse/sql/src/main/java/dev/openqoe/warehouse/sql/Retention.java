package dev.openqoe.warehouse.sql;

import java.time.Duration;

/**
 * Which snapshots {@code qoe maintain} keeps: those younger than {@code maxAge}, and at least the
 * {@code minSnapshots} most recent ones whatever their age (time travel and readers that are still
 * planning on an older snapshot need them).
 */
public record Retention(Duration maxAge, int minSnapshots) {

  public Retention {
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("the snapshot age must not be negative: " + maxAge);
    }
    if (minSnapshots < 1) {
      throw new IllegalArgumentException(
          "at least the current snapshot must be kept: --retain-last must be 1 or more");
    }
  }
}
