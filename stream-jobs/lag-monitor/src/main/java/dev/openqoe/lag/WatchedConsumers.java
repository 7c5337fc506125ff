package dev.openqoe.lag;

import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.pinot.PinotTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumers the monitor watches unless told otherwise, and the {@code NAME=TOPIC[,TOPIC...]}
 * form in which it is told otherwise.
 */
public final class WatchedConsumers {

  private WatchedConsumers() {}

  /**
   * The Flink pipeline's consumer groups (stream-jobs/flink-jobs: one per Kafka source, {@code
   * qoe-pipeline-<source>}), each on the topics its source reads. The pipeline commits their
   * offsets to Kafka when a checkpoint completes, so these positions are those of its last
   * checkpoint.
   */
  public static List<WatchedTopic> pipelineGroups() {
    List<WatchedTopic> watched = new ArrayList<>();
    watched.add(WatchedTopic.group("qoe-pipeline-beacons", QoeTopics.BEACONS.name()));
    watched.add(WatchedTopic.group("qoe-pipeline-rejected", QoeTopics.BEACONS_DLQ.name()));
    for (OpsFeed feed : QoeTopics.OPS_FEEDS) {
      watched.add(WatchedTopic.group("qoe-pipeline-ops-raw", feed.topic().name()));
    }
    watched.add(WatchedTopic.group("qoe-pipeline-ops-rejected", QoeTopics.OPS_DLQ.name()));
    watched.add(WatchedTopic.group("qoe-pipeline-ops-events", QoeTopics.OPS_EVENTS.name()));
    watched.add(WatchedTopic.group("qoe-pipeline-ops-health", QoeTopics.OPS_HEALTH.name()));
    watched.add(WatchedTopic.group("qoe-pipeline-slo-alerts", QoeTopics.SLO_ALERTS.name()));
    return List.copyOf(watched);
  }

  /** Every REALTIME table of warehouse/pinot, on the topic its table config consumes. */
  public static List<WatchedTopic> pinotTables() {
    return PinotTable.ALL.stream()
        .map(table -> WatchedTopic.pinotTable(table.tableName(), table.topic()))
        .toList();
  }

  /**
   * {@code NAME=TOPIC[,TOPIC...]}: consumer {@code NAME} on each topic named.
   *
   * @throws IllegalArgumentException saying what is wrong with {@code spec}
   */
  public static List<WatchedTopic> parse(ConsumerKind kind, String spec) {
    int equals = spec.indexOf('=');
    if (equals <= 0 || equals == spec.length() - 1) {
      throw new IllegalArgumentException(
          "'" + spec + "' is not NAME=TOPIC[,TOPIC...] (e.g. qoe-pipeline-beacons=qoe.beacons.v1)");
    }
    String name = spec.substring(0, equals).trim();
    List<WatchedTopic> watched = new ArrayList<>();
    for (String topic : spec.substring(equals + 1).split(",")) {
      if (topic.isBlank()) {
        throw new IllegalArgumentException("'" + spec + "' names an empty topic");
      }
      watched.add(new WatchedTopic(kind, name, topic.trim()));
    }
    return watched;
  }
}
