package dev.openqoe.lag;

import dev.openqoe.kafka.PipelineSource;
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
   * The Flink pipeline's consumer groups ({@link PipelineSource}: one per Kafka source, {@code
   * qoe-pipeline-<source>}), each on the topics its source reads. The pipeline commits their
   * offsets to Kafka when a checkpoint completes, so these positions are those of its last
   * checkpoint.
   */
  public static List<WatchedTopic> pipelineGroups() {
    List<WatchedTopic> watched = new ArrayList<>();
    for (PipelineSource source : PipelineSource.values()) {
      for (String topic : source.defaultTopics()) {
        watched.add(WatchedTopic.group(source.groupId(), topic));
      }
    }
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
