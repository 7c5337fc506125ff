package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class ReceiveTimeWatermarksTest {

  private static final long T0 = 1_800_000_000_000L;

  private long now = T0;
  private final List<Long> emitted = new ArrayList<>();
  private boolean idle;
  private final WatermarkOutput output =
      new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
          emitted.add(watermark.getTimestamp());
          idle = false;
        }

        @Override
        public void markIdle() {
          idle = true;
        }

        @Override
        public void markActive() {
          idle = false;
        }
      };
  private final ReceiveTimeWatermarks<String> watermarks =
      new ReceiveTimeWatermarks<>(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> now);

  private Long emit() {
    int before = emitted.size();
    watermarks.onPeriodicEmit(output);
    return emitted.size() > before ? emitted.get(emitted.size() - 1) : null;
  }

  @Test
  void trailsTheNewestReceiveTimeByTheDelayWhileBeaconsFlow() {
    watermarks.onEvent("b", T0 - 200, output);
    watermarks.onEvent("b", T0 - 500, output);

    assertThat(emit()).isEqualTo(T0 - 200 - 1_000 - 1);
  }

  @Test
  void aQuietCaughtUpPartitionFollowsTheWallClock() {
    watermarks.onEvent("b", T0 - 200, output);
    emit();

    now = T0 + 29_999;
    assertThat(emit()).as("not quiet yet").isNull();
    now = T0 + 90_000;
    assertThat(emit()).isEqualTo(T0 + 90_000 - 30_000 - 1_000);
  }

  @Test
  void aPartitionStalledInABacklogKeepsItsEventTime() {
    // Read an hour behind: the reader may be held up by a slow sink, not out of beacons.
    watermarks.onEvent("b", T0 - 3_600_000, output);
    emit();

    now = T0 + 600_000;
    assertThat(emit()).isNull();
    assertThat(emitted).containsExactly(T0 - 3_600_000 - 1_000 - 1);
  }

  @Test
  void aPartitionThatNeverHadBeaconsIsIdleOnceQuietAndMovesNothingOn() {
    assertThat(emit()).isNull();
    assertThat(idle).as("holds the others back while it may still be fetching").isFalse();

    now = T0 + 30_000;
    assertThat(emit()).isNull();
    assertThat(idle).isTrue();
  }

  @Test
  void aRestartWhoseFirstFetchIsSlowKeepsTheBacklogsEventTime() {
    // Restarted after two minutes down; the first fetch takes 40 s (Kafka away, a loaded host).
    now = T0 + 40_000;
    emit();
    watermarks.onEvent("b", T0 - 120_000, output);

    assertThat(emit()).isEqualTo(T0 - 120_000 - 1_000 - 1);
    assertThat(emitted)
        .as("no wall-clock watermark, which would close the restored sessions early")
        .containsExactly(T0 - 120_000 - 1_000 - 1);
    assertThat(idle).isFalse();
  }

  @Test
  void neverGoesBack() {
    watermarks.onEvent("b", T0, output);
    now = T0 + 60_000;
    emit();
    watermarks.onEvent("b", T0 + 20_000, output);

    assertThat(emit()).as("a beacon behind the wall-clock watermark").isNull();
    assertThat(emitted).isSorted().doesNotHaveDuplicates();
  }
}
