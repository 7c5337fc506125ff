package dev.openqoe.replay;

import dev.openqoe.protocol.BeaconEvent;
import java.util.Comparator;

/**
 * A valid beacon and the input line it came from ({@code qoe backfill}: its position among the raw
 * rows read, once sorted).
 */
public record NumberedBeacon(BeaconEvent beacon, long line) {

  /**
   * Session, then seq, then input order: each session's beacons come together in seq order, and of
   * two beacons with the same seq the one received first comes first (and so wins).
   */
  public static final Comparator<NumberedBeacon> SESSION_ORDER =
      Comparator.comparing((NumberedBeacon b) -> b.beacon().sessionId())
          .thenComparingLong(b -> b.beacon().seq())
          .thenComparingLong(NumberedBeacon::line);
}
