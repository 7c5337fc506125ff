package dev.openqoe.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StartupTimeHistogramTest {

  @Test
  void bucketsByInclusiveUpperBound() {
    StartupTimeHistogram histogram = new StartupTimeHistogram();
    histogram.add(0);
    histogram.add(100); // still the first bucket
    histogram.add(101);
    histogram.add(1_100); // (1000, 1250]
    histogram.add(90_000); // open last bucket

    long[] counts = histogram.counts();
    assertThat(counts[0]).isEqualTo(2);
    assertThat(counts[1]).isEqualTo(1);
    assertThat(counts[StartupTimeHistogram.UPPER_BOUNDS_MS.indexOf(1_250L)]).isEqualTo(1);
    assertThat(counts[counts.length - 1]).isEqualTo(1);
    assertThat(histogram.count()).isEqualTo(5);
  }

  @Test
  void percentileIsTheUpperBoundOfTheNearestRankBucket() {
    StartupTimeHistogram histogram = new StartupTimeHistogram();
    for (int i = 1; i <= 100; i++) {
      histogram.add(i * 50L); // 50 ms .. 5000 ms
    }
    // exact p50 = 2500 -> bucket (2000, 2500]; exact p95 = 4750 -> bucket (4000, 5000]
    assertThat(histogram.percentile(50)).isEqualTo(2_500L);
    assertThat(histogram.percentile(95)).isEqualTo(5_000L);
    assertThat(new StartupTimeHistogram().percentile(50)).isNull();
  }

  @Test
  void mergedHistogramsEqualOneFedEverything() {
    StartupTimeHistogram left = new StartupTimeHistogram();
    StartupTimeHistogram right = new StartupTimeHistogram();
    StartupTimeHistogram all = new StartupTimeHistogram();
    for (long vst = 0; vst < 20_000; vst += 333) {
      (vst % 2 == 0 ? left : right).add(vst);
      all.add(vst);
    }
    left.merge(right);
    assertThat(left.counts()).isEqualTo(all.counts());
    assertThat(StartupTimeHistogram.ofCounts(all.counts()).percentile(90))
        .isEqualTo(all.percentile(90));
  }

  @Test
  void storedCountsMustMatchTheBuckets() {
    assertThatThrownBy(() -> StartupTimeHistogram.ofCounts(new long[3]))
        .hasMessageContaining("expected 29 bucket counts, got 3");
  }
}
