package dev.openqoe.jobs;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks of one Kafka partition in collector receive time. While beacons flow it trails the
 * newest receive time by the out-of-order delay. Once the partition has been quiet for {@code
 * quietAfter} of wall-clock time it follows the wall clock instead, trailing it by {@code
 * quietAfter} plus the delay: receive times are the collector's clock, so a beacon still to come
 * was received after that. Without this, sessions whose last beacons arrived before a quiet spell
 * (the night, a test's end, a stopped player fleet) would stay open until traffic resumed.
 *
 * <p>A partition this reader has not read a beacon from yet (a new job, a restart, Kafka away) is
 * marked idle once quiet, so it holds nothing back, and moves nothing on: following the wall clock
 * there would close the sessions restored from a checkpoint before their beacons, waiting in the
 * partition since the job stopped, are fetched. An empty partition is idle too.
 *
 * <p>Only a partition that was caught up follows the wall clock: one that was reading a backlog
 * (receive times older than {@code quietAfter} when read) may just be stalled behind a slow sink,
 * and its older beacons must not turn late. Sound while collector-to-Flink delivery plus clock skew
 * stays under {@code quietAfter}; a beacon delivered later than that lands in dwd.late_beacons, not
 * in a wrong session.
 */
final class ReceiveTimeWatermarks<T> implements WatermarkGenerator<T> {

  private final long delayMillis;
  private final long quietAfterMillis;
  private final LongSupplier wallClock;
  private long newestReceiveTime = Long.MIN_VALUE;
  private long lastBeaconWallTime;
  private long emitted = Long.MIN_VALUE;

  ReceiveTimeWatermarks(Duration delay, Duration quietAfter, LongSupplier wallClock) {
    this.delayMillis = delay.toMillis();
    this.quietAfterMillis = quietAfter.toMillis();
    this.wallClock = wallClock;
    this.lastBeaconWallTime = wallClock.getAsLong();
  }

  @Override
  public void onEvent(T event, long receiveTime, WatermarkOutput output) {
    newestReceiveTime = Math.max(newestReceiveTime, receiveTime);
    lastBeaconWallTime = wallClock.getAsLong();
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long now = wallClock.getAsLong();
    boolean quiet = now - lastBeaconWallTime >= quietAfterMillis;
    if (newestReceiveTime == Long.MIN_VALUE) {
      if (quiet) {
        output.markIdle();
      }
      return;
    }
    boolean caughtUp = lastBeaconWallTime - newestReceiveTime <= quietAfterMillis;
    long watermark =
        quiet && caughtUp
            ? now - quietAfterMillis - delayMillis
            : newestReceiveTime - delayMillis - 1;
    if (watermark > emitted) {
      emitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }
}
