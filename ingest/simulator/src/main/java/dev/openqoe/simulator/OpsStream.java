package dev.openqoe.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Holds delivery-chain records until their time has come and releases them in time order, a few
 * seconds of event time at a time, so they reach Kafka close to their event time, as a real CDN's
 * real-time logs do (the normaliser writes a minute's health 30 s after it). Thread-safe.
 */
final class OpsStream {

  /** The span of event time released together: one request per feed and span. */
  static final long SPAN_MS = 5_000;

  private final PriorityQueue<OpsRecord> pending =
      new PriorityQueue<>(Comparator.comparingLong(OpsRecord::ts));
  private final List<OpsSink> sinks;

  OpsStream(List<OpsSink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  synchronized void add(List<OpsRecord> records) {
    pending.addAll(records);
  }

  /**
   * Releases every whole span of event time that ends by {@code watermark}: no record earlier than
   * the watermark is still to come.
   */
  synchronized void release(long watermark) {
    drain(Math.floorDiv(watermark, SPAN_MS) * SPAN_MS);
  }

  /** Releases every record before {@code ts}, the last span in part: for the end of a run. */
  synchronized void releaseBefore(long ts) {
    drain(ts);
  }

  /** Releases everything held. */
  synchronized void releaseAll() {
    drain(Long.MAX_VALUE);
  }

  /** Drops what is held (records whose time never came in a run that stopped); returns how many. */
  synchronized int discard() {
    int count = pending.size();
    pending.clear();
    return count;
  }

  private void drain(long limit) {
    while (!pending.isEmpty() && pending.peek().ts() < limit) {
      long spanEnd =
          Math.min(limit, Math.floorDiv(pending.peek().ts(), SPAN_MS) * SPAN_MS + SPAN_MS);
      Map<DeliveryFeed, List<String>> byFeed = new EnumMap<>(DeliveryFeed.class);
      while (!pending.isEmpty() && pending.peek().ts() < spanEnd) {
        OpsRecord record = pending.poll();
        byFeed.computeIfAbsent(record.feed(), feed -> new ArrayList<>()).add(record.text());
      }
      byFeed.forEach((feed, records) -> sinks.forEach(sink -> sink.write(feed, records)));
    }
  }
}
