package dev.openqoe.ingest.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs rejections with their reason, at most one line per reason code every ten seconds (with the
 * count of the lines it held back), so a flood of bad input cannot flood the log or slow the
 * collector down.
 */
final class RejectLog {

  private static final Logger LOG = LoggerFactory.getLogger("dev.openqoe.ingest.rejects");
  private static final long INTERVAL_NANOS = 10_000_000_000L;

  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  void rejected(String reasonCode, String property, String detail) {
    Window window = windows.computeIfAbsent(reasonCode, code -> new Window());
    long suppressed = window.admit(System.nanoTime());
    if (suppressed >= 0) {
      LOG.info(
          "rejected ({}) for property {}: {}{}",
          reasonCode,
          property == null ? "-" : property,
          detail,
          suppressed > 0 ? " [" + suppressed + " more of this reason not logged]" : "");
    }
  }

  private static final class Window {
    private final AtomicLong nextLogNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong held = new AtomicLong();

    /** -1 when this line is held back, else how many were held back before it. */
    long admit(long nowNanos) {
      long next = nextLogNanos.get();
      if ((next == Long.MIN_VALUE || nowNanos - next >= 0)
          && nextLogNanos.compareAndSet(next, nowNanos + INTERVAL_NANOS)) {
        return held.getAndSet(0);
      }
      held.incrementAndGet();
      return -1;
    }
  }
}
