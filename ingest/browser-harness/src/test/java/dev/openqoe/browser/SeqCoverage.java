package dev.openqoe.browser;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestedBeacon;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * How the {@code seq} numbers of one session's stored beacons cover 0..the highest: which are
 * missing, which are there more than once, and whether the session's last beacon (an {@code end} or
 * a fatal {@code error}) is there.
 */
record SeqCoverage(long highest, List<Long> missing, Map<Long, Long> repeated, boolean closed) {

  static SeqCoverage of(List<IngestedBeacon> stored) {
    Map<Long, Long> counts =
        stored.stream()
            .map(IngestedBeacon::event)
            .collect(Collectors.groupingBy(BeaconEvent::seq, TreeMap::new, Collectors.counting()));
    long highest = counts.isEmpty() ? -1 : ((TreeMap<Long, Long>) counts).lastKey();
    List<Long> missing =
        LongStream.rangeClosed(0, highest).filter(seq -> !counts.containsKey(seq)).boxed().toList();
    Map<Long, Long> repeated =
        counts.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .collect(
                Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
    boolean closed =
        stored.stream()
            .map(IngestedBeacon::event)
            .anyMatch(
                e ->
                    e.type() == EventType.END
                        || (e.type() == EventType.ERROR && e.error() != null && e.error().fatal()));
    return new SeqCoverage(highest, missing, repeated, closed);
  }

  /** The session's last beacon is there and every seq from 0 up to the highest. */
  boolean completeSession() {
    return closed && highest >= 0 && missing.isEmpty();
  }

  /** Each seq 0..highest exactly once. */
  boolean exactlyOnce() {
    return highest >= 0 && missing.isEmpty() && repeated.isEmpty();
  }
}
