package dev.openqoe.ingest.bench;

import dev.openqoe.ingest.kafka.BeaconSink;
import dev.openqoe.protocol.BeaconBatchScanner;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.ParseResult;
import dev.openqoe.protocol.Receipt;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The collector's two main steps of its own, timed alone: reading and checking a request's beacons,
 * and encoding them as Kafka records, on one thread with hot caches and nothing else running: what
 * its code costs without the noise of the shared machine. The own work {@link CpuAccounting} finds
 * is a difference of large figures from separate phases, which moves by many microseconds between
 * runs.
 *
 * @param readAndCheck microseconds per request body
 * @param encode microseconds per request's records
 */
record OwnSteps(double readAndCheck, double encode) {

  private static final int CHUNK = 1_000;

  double total() {
    return readAndCheck + encode;
  }

  /**
   * Times both steps on the benchmark's bodies, each for {@code each}: the first half warms the
   * code up, the second is measured.
   *
   * @throws IllegalArgumentException when a body holds an event the collector would reject
   */
  static OwnSteps time(List<byte[]> bodies, Receipt receipt, Duration each) {
    BeaconBatchScanner scanner = new BeaconBatchScanner(BeaconParser.lenientClock());
    List<List<IngestedBeacon>> beacons =
        bodies.stream().map(body -> beacons(scanner, body, receipt)).toList();
    double readAndCheck = microsPerCall(bodies, body -> scanner.scan(body).size(), each);
    double encode =
        microsPerCall(
            beacons,
            request -> {
              BeaconSink.Batch batch = new BeaconSink.Batch();
              request.forEach(batch::add);
              return batch.size();
            },
            each);
    return new OwnSteps(readAndCheck, encode);
  }

  private static List<IngestedBeacon> beacons(
      BeaconBatchScanner scanner, byte[] body, Receipt receipt) {
    List<BeaconBatchScanner.ScannedEvent> events = scanner.scan(body);
    if (events == null) {
      throw new IllegalArgumentException("a benchmark body is not in the scanned form");
    }
    return events.stream()
        .map(
            event -> {
              if (!(event.result() instanceof ParseResult.Valid valid)) {
                throw new IllegalArgumentException("a benchmark event is invalid: " + event);
              }
              return new IngestedBeacon(valid.event(), receipt);
            })
        .toList();
  }

  /**
   * Mean time of one call over the second half of {@code duration}. The first half warms up, and
   * goes on until the heap has been collected once (at most ten times {@code duration}): until then
   * the steps' allocations touch fresh heap pages, whose page faults made them look six times
   * dearer in a new 2 GB heap than they are once the heap is in use, as in the collector under
   * load.
   */
  private static <T> double microsPerCall(
      List<T> inputs, ToIntFunction<T> step, Duration duration) {
    long warmStart = System.nanoTime();
    long warmEnd = warmStart + duration.toNanos() / 2;
    long warmLimit = warmStart + duration.toNanos() * 10;
    long collectionsBefore = collections();
    long sink = 0;
    for (long now = warmStart;
        now < warmEnd || (collections() == collectionsBefore && now < warmLimit);
        now = System.nanoTime()) {
      sink += chunk(inputs, step);
    }
    long start = System.nanoTime();
    long end = start + duration.toNanos() / 2;
    long calls = 0;
    long now = start;
    while (now < end) {
      sink += chunk(inputs, step);
      calls += CHUNK;
      now = System.nanoTime();
    }
    // The results are used, so the compiler cannot drop the steps as dead code.
    if (sink == Long.MIN_VALUE) {
      throw new AssertionError();
    }
    return (now - start) / 1000.0 / calls;
  }

  private static long collections() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .filter(count -> count > 0)
        .sum();
  }

  private static <T> long chunk(List<T> inputs, ToIntFunction<T> step) {
    long sum = 0;
    for (int i = 0; i < CHUNK; i++) {
      sum += step.applyAsInt(inputs.get(i % inputs.size()));
    }
    return sum;
  }
}
