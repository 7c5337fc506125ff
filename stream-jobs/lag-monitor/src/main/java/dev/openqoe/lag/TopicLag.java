package dev.openqoe.lag;

import java.util.List;

/**
 * A consumer's lag on a topic at one moment, over the partitions its position is known on (a Pinot
 * table's partition that has no consuming segment at this moment, one just committed, is left out).
 *
 * @param retentionMs the topic's {@code retention.ms}; negative when it keeps records forever
 * @param measuredAtMillis when the ages are taken from
 */
public record TopicLag(
    WatchedTopic watched, List<PartitionLag> partitions, long retentionMs, long measuredAtMillis) {

  public TopicLag {
    partitions = List.copyOf(partitions);
  }

  /** The worst partition's age of its oldest unread record; 0 when everything is read. */
  public double lagSeconds() {
    return partitions.stream()
        .mapToDouble(partition -> partition.lagSeconds(measuredAtMillis))
        .max()
        .orElse(0);
  }

  public long lagRecords() {
    return partitions.stream().mapToLong(PartitionLag::unreadRecords).sum();
  }

  public long deletedUnread() {
    return partitions.stream().mapToLong(PartitionLag::deletedUnread).sum();
  }

  public boolean keepsForever() {
    return retentionMs < 0;
  }

  /** The topic's retention in seconds; infinite when it keeps records forever. */
  public double retentionSeconds() {
    return keepsForever() ? Double.POSITIVE_INFINITY : retentionMs / 1000.0;
  }

  /**
   * How much longer the consumer may fall behind before Kafka deletes its oldest unread record: the
   * retention minus the lag.
   */
  public double headroomSeconds() {
    return retentionSeconds() - lagSeconds();
  }
}
