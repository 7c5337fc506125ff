package dev.openqoe.lag;

/**
 * One consumer on one topic: what a measurement is of, one row of {@code --once}'s table, one set
 * of metric series.
 *
 * @param consumer the group id, or the Pinot table's name
 */
public record WatchedTopic(ConsumerKind kind, String consumer, String topic) {

  public static WatchedTopic group(String group, String topic) {
    return new WatchedTopic(ConsumerKind.KAFKA_GROUP, group, topic);
  }

  public static WatchedTopic pinotTable(String table, String topic) {
    return new WatchedTopic(ConsumerKind.PINOT_TABLE, table, topic);
  }

  @Override
  public String toString() {
    return (kind == ConsumerKind.PINOT_TABLE ? "Pinot table " : "consumer group ")
        + consumer
        + " on "
        + topic;
  }
}
