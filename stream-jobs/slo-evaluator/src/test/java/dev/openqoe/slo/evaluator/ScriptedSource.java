package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.Slice;
import dev.openqoe.slo.SloDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SLI source the test scripts: 1000 events in every minute of every slice, the bad share of each
 * minute as {@link #set} says; or a failure.
 */
final class ScriptedSource implements SliSource {

  static final long EVENTS_PER_MINUTE = 1000;
  static final long MINUTE = 60_000;

  /** The bad share of a slice's minute. */
  interface BadShare {
    double of(Slice slice, long minute);
  }

  private final List<Slice> slices;
  private volatile BadShare badShare = (slice, minute) -> 0;
  private volatile RuntimeException failure;
  private final AtomicInteger queries = new AtomicInteger();

  ScriptedSource(List<Slice> slices) {
    this.slices = List.copyOf(slices);
  }

  void set(BadShare share) {
    this.badShare = share;
    this.failure = null;
  }

  void fail(RuntimeException failure) {
    this.failure = failure;
  }

  int queries() {
    return queries.get();
  }

  @Override
  public List<SliCount> counts(SloDefinition slo, long from, long to) {
    queries.incrementAndGet();
    if (failure != null) {
      throw failure;
    }
    List<SliCount> counts = new ArrayList<>();
    for (Slice slice : slices) {
      for (long minute = from; minute < to; minute += MINUTE) {
        long bad = Math.round(EVENTS_PER_MINUTE * badShare.of(slice, minute));
        counts.add(new SliCount(slice, minute, EVENTS_PER_MINUTE - bad, EVENTS_PER_MINUTE));
      }
    }
    return counts;
  }
}
