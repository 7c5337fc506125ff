package dev.openqoe.ingest.core;

/**
 * Whether the broker the collector writes to has room for more records. Read on every request, so
 * it must not do I/O: whoever watches the disk keeps the answer up to date in the background.
 */
public interface StorageRoom {

  /** Nothing watched: a Kafka cluster, whose own disk alerts cover its brokers. */
  StorageRoom UNWATCHED = () -> null;

  /** Why records cannot be stored now, for the 503 answer; null while there is room. */
  String shortage();
}
