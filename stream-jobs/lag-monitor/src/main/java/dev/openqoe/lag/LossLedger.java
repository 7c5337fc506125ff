package dev.openqoe.lag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.event.Level;

/**
 * Records deleted before their consumer read them, each reported once: a consumer stays below the
 * log start until it resumes (or commits again), and a loss already logged must not be logged again
 * every round, nor counted twice.
 */
public final class LossLedger {

  /** Offsets {@code [from, to)} of one partition, deleted unread. */
  public record LostRange(int partition, long from, long to) {
    public long records() {
      return to - from;
    }
  }

  /** Per consumer, topic and partition: the offset below which losses were reported. */
  private final Map<WatchedTopic, Map<Integer, Long>> reportedUpTo = new HashMap<>();

  /** The ranges {@code lag} shows deleted unread that no earlier call returned. */
  public synchronized List<LostRange> newlyLost(TopicLag lag) {
    Map<Integer, Long> reported =
        reportedUpTo.computeIfAbsent(lag.watched(), watched -> new HashMap<>());
    List<LostRange> lost = new ArrayList<>();
    for (PartitionLag partition : lag.partitions()) {
      if (partition.deletedUnread() == 0) {
        continue;
      }
      long from = Math.max(partition.position(), reported.getOrDefault(partition.partition(), 0L));
      if (from < partition.logStart()) {
        lost.add(new LostRange(partition.partition(), from, partition.logStart()));
        reported.put(partition.partition(), partition.logStart());
      }
    }
    return lost;
  }

  /** The ERROR for newly lost records: how many, where, that they cannot come back, what to do. */
  public static Finding error(WatchedTopic watched, List<LostRange> lost) {
    long records = lost.stream().mapToLong(LostRange::records).sum();
    String where =
        lost.stream()
            .map(
                range ->
                    String.format(
                        Locale.ROOT,
                        "partition %d offsets %d-%d",
                        range.partition(),
                        range.from(),
                        range.to() - 1))
            .collect(Collectors.joining(", "));
    return new Finding(
        Level.ERROR,
        watched,
        String.format(
            Locale.ROOT,
            "%s lost %,d records unread: Kafka deleted them (retention, or a deleteRecords call)"
                + " before %s read them (%s). They are gone from Kafka: replay them from their"
                + " source if it keeps them, and raise the retention of %s or make %s keep up so"
                + " it does not happen again",
            watched,
            records,
            watched.consumer(),
            where,
            watched.topic(),
            watched.consumer()));
  }
}
