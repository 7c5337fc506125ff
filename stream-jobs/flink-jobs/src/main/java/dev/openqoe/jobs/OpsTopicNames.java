package dev.openqoe.jobs;

import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopics;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery-chain topics the pipeline reads: the raw feeds (topic -> feed name), the
 * normaliser's canonical events, its dead letters and its per-minute health.
 */
public record OpsTopicNames(
    Map<String, String> rawFeedByTopic, String events, String rejected, String health)
    implements Serializable {

  public static final OpsTopicNames DEFAULT =
      new OpsTopicNames(
          defaultFeeds(),
          QoeTopics.OPS_EVENTS.name(),
          QoeTopics.OPS_DLQ.name(),
          QoeTopics.OPS_HEALTH.name());

  public OpsTopicNames {
    rawFeedByTopic = Map.copyOf(rawFeedByTopic);
  }

  private static Map<String, String> defaultFeeds() {
    Map<String, String> feeds = new LinkedHashMap<>();
    for (OpsFeed feed : QoeTopics.OPS_FEEDS) {
      feeds.put(feed.topic().name(), feed.name());
    }
    return feeds;
  }
}
