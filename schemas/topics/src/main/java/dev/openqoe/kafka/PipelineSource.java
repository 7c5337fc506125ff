package dev.openqoe.kafka;

import java.util.List;

/**
 * One Kafka source of the Flink pipeline (stream-jobs/flink-jobs) and the consumer group it commits
 * its offsets under when a checkpoint completes: the lag monitor reads that group's position, so
 * both sides take the group id from here.
 */
public enum PipelineSource {
  BEACONS("beacons", List.of(QoeTopics.BEACONS)),
  REJECTED("rejected", List.of(QoeTopics.BEACONS_DLQ)),
  OPS_RAW("ops-raw", QoeTopics.OPS_FEEDS.stream().<QoeTopic<?, ?>>map(OpsFeed::topic).toList()),
  OPS_REJECTED("ops-rejected", List.of(QoeTopics.OPS_DLQ)),
  OPS_EVENTS("ops-events", List.of(QoeTopics.OPS_EVENTS)),
  OPS_HEALTH("ops-health", List.of(QoeTopics.OPS_HEALTH)),
  SLO_ALERTS("slo-alerts", List.of(QoeTopics.SLO_ALERTS));

  private final String sourceName;
  private final List<QoeTopic<?, ?>> defaultTopics;

  PipelineSource(String sourceName, List<QoeTopic<?, ?>> defaultTopics) {
    this.sourceName = sourceName;
    this.defaultTopics = defaultTopics;
  }

  /** The source's short name, as in its operator's uid ({@code kafka-<name>}). */
  public String sourceName() {
    return sourceName;
  }

  /** {@code qoe-pipeline-<name>}. */
  public String groupId() {
    return "qoe-pipeline-" + sourceName;
  }

  /** The topics it reads with the default topic names. */
  public List<String> defaultTopics() {
    return defaultTopics.stream().map(QoeTopic::name).toList();
  }
}
