package dev.openqoe.lag;

/**
 * Where a consumer stands on one partition, and what the partition still keeps. Offsets count every
 * offset, so on a topic written in Kafka transactions the commit markers count as records.
 *
 * @param position the next offset the consumer reads; {@link #NONE} when it has none here (a group
 *     that has committed nothing on this partition reads from its start)
 * @param logStart the first offset the partition still keeps: everything below was deleted
 *     (retention, or a deleteRecords call)
 * @param end the offset the next record written will get
 * @param oldestUnreadMillis the Kafka timestamp of the first record the consumer has not read yet;
 *     {@link #NONE} when it has read everything, or when that record could not be fetched in time
 */
public record PartitionLag(
    int partition, long position, long logStart, long end, long oldestUnreadMillis) {

  public static final long NONE = -1;

  /** The first offset the consumer will read: its position, or the log start if that is above. */
  public long firstUnread() {
    return position == NONE ? logStart : Math.max(position, logStart);
  }

  /** Records written and not read yet. */
  public long unreadRecords() {
    return Math.max(0, end - firstUnread());
  }

  /**
   * Records the consumer never read that the partition no longer has: those between its position
   * and the log start. The consumer will skip them when it resumes.
   */
  public long deletedUnread() {
    return position == NONE ? 0 : Math.max(0, logStart - position);
  }

  /** How old the oldest unread record is at {@code nowMillis}, in seconds; 0 when none is known. */
  public double lagSeconds(long nowMillis) {
    if (oldestUnreadMillis == NONE || unreadRecords() == 0) {
      return 0;
    }
    return Math.max(0, nowMillis - oldestUnreadMillis) / 1000.0;
  }
}
