package dev.openqoe.kafka;

import java.util.Objects;

/**
 * One raw delivery-chain feed: a format a stage of the chain emits, and the raw topic that holds
 * its records as they were written. Producers write to the topic directly or POST to the collector
 * at {@code /v1/ops/<name>}; the normaliser reads every feed's topic.
 *
 * @param name the feed's name in URLs and metrics; the topic is {@code qoe.ops.raw.<name>}
 */
public record OpsFeed(String name, QoeTopic<String, byte[]> topic) {

  /** The Kafka header of a raw record that names the collector property that sent it. */
  public static final String PROPERTY_HEADER = "qoe-property";

  public OpsFeed {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(topic, "topic");
    if (!topic.name().equals("qoe.ops.raw." + name)) {
      throw new IllegalArgumentException("feed " + name + " must be read from qoe.ops.raw." + name);
    }
  }
}
