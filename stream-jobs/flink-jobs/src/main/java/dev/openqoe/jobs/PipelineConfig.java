package dev.openqoe.jobs;

import dev.openqoe.session.SessionAccumulator;
import java.io.Serializable;
import java.time.Duration;

/**
 * How the pipeline treats time. Defaults here are the only ones; flags and environment variables of
 * {@link QoePipelineJob} override them.
 *
 * @param reorderBound how long a beacon waits for lower seq numbers of its session
 * @param watermarkDelay how far receive times may be out of order across a Kafka partition
 * @param inactivityTimeout a session without beacons for this long is closed
 * @param interval the grain of dwd.session_intervals
 * @param closedRetention how long a closed session keeps routing its beacons to late_beacons
 * @param quietAfter after this long without beacons a Kafka partition's event time follows the wall
 *     clock, so sessions close although traffic stopped
 */
public record PipelineConfig(
    Duration reorderBound,
    Duration watermarkDelay,
    Duration inactivityTimeout,
    Duration interval,
    Duration closedRetention,
    Duration quietAfter)
    implements Serializable {

  public static final PipelineConfig DEFAULTS =
      new PipelineConfig(
          Duration.ofSeconds(5),
          Duration.ofSeconds(1),
          SessionAccumulator.DEFAULT_INACTIVITY_TIMEOUT,
          SessionAccumulator.DEFAULT_INTERVAL,
          Duration.ofMinutes(30),
          Duration.ofSeconds(30));

  public PipelineConfig {
    if (reorderBound.compareTo(inactivityTimeout) >= 0) {
      throw new IllegalArgumentException(
          "the reorder bound ("
              + reorderBound
              + ") must be shorter than the inactivity timeout ("
              + inactivityTimeout
              + ")");
    }
  }

  SessionizerFunction sessionizer() {
    return new SessionizerFunction(reorderBound, inactivityTimeout, interval, closedRetention);
  }
}
