package dev.openqoe.simulator;

import java.util.List;

/** Where released delivery-chain records go: the collector, files. */
interface OpsSink {

  /** Records of one feed from one span of event time, in time order; called in time order. */
  void write(DeliveryFeed feed, List<String> records);
}
