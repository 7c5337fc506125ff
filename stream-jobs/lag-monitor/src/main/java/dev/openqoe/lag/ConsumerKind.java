package dev.openqoe.lag;

/** How a consumer's position on a topic is known. */
public enum ConsumerKind {
  /** A Kafka consumer group: its offsets committed to Kafka (the pipeline's on each checkpoint). */
  KAFKA_GROUP("kafka-group"),
  /**
   * A Pinot REALTIME table: the offsets its consuming segments have reached, from the controller.
   */
  PINOT_TABLE("pinot-table");

  private final String label;

  ConsumerKind(String label) {
    this.label = label;
  }

  /** Its value of the metrics' {@code kind} label. */
  public String label() {
    return label;
  }
}
