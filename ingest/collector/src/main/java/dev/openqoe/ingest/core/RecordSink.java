package dev.openqoe.ingest.core;

import java.util.function.Consumer;

/**
 * Where the collector stores what it receives: valid beacons and, on the dead-letter queue, what it
 * rejected. A request is answered 2xx only once the sink has acknowledged all of its records.
 */
public interface RecordSink {

  /** An empty batch, to fill with one request's records and {@link #send}. */
  RecordBatch newBatch();

  /**
   * Stores the records of a batch made by {@link #newBatch}, without blocking the caller; {@code
   * done} runs once, on any thread, with null when every record is stored, else with the first
   * failure.
   */
  void send(RecordBatch batch, Consumer<Exception> done);
}
