package dev.openqoe.simulator;

import java.util.Random;
import java.util.UUID;

/** Ids the delivery chain's systems give their records, drawn from a run's own random source. */
final class RandomIds {

  private RandomIds() {}

  /** A version-4 UUID, as AWS and license proxies write them. */
  static String uuid(Random random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
