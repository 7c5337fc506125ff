package dev.openqoe.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import dev.openqoe.ops.PackagingJob;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SliceHealthTest {

  @Test
  void survivesItsStoreFormatWithEveryFigure() throws IOException {
    SliceHealth health = new SliceHealth();
    Random random = new Random(3);
    for (int i = 0; i < 500; i++) {
      health.add(cdn(random.nextBoolean() ? 200 : 404, random.nextInt(2_000)));
    }
    health.add(job("error"));
    health.add(job("complete"));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    health.writeTo(new DataOutputStream(bytes));
    SliceHealth read =
        SliceHealth.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(read.figures()).isEqualTo(health.figures());
    assertThat(read.figures()).containsEntry("requests", 500L).containsEntry("job_failures", 1L);
  }

  @Test
  void itsStoreFormIsSmallAndTheFirstReleasesFormIsStillRead() throws IOException {
    SliceHealth health = new SliceHealth();
    for (int i = 0; i < 1_000; i++) {
      health.add(cdn(200, 10 + i % 50));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    health.writeTo(new DataOutputStream(bytes));

    // Release 1: version 1, ten fixed-width counters, histograms as total and 123 counts.
    ByteArrayOutputStream version1 = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(version1);
    out.writeByte(1);
    for (long counter : new long[] {2, 0, 1, 1, 10_000, 0, 0, 0, 0, 0}) {
      out.writeLong(counter);
    }
    for (int histogram = 0; histogram < 2; histogram++) {
      out.writeLong(2);
      for (int bucket = 0; bucket < 123; bucket++) {
        out.writeLong(bucket == 20 || bucket == 60 ? 1 : 0);
      }
    }
    out.writeLong(0);
    SliceHealth old =
        SliceHealth.readFrom(new DataInputStream(new ByteArrayInputStream(version1.toByteArray())));

    assertThat(bytes.size()).as("bytes for 1,000 requests").isLessThan(200);
    assertThat(old.figures())
        .containsEntry("requests", 2L)
        .containsEntry("status_5xx", 1L)
        .containsEntry("bytes", 10_000L)
        .containsEntry("license_latency_p95_ms", null);
    assertThat((Long) old.figures().get("ttfb_p95_ms"))
        .isGreaterThan((Long) old.figures().get("ttfb_p50_ms"));
  }

  @Test
  void percentilesAreTheUpperBoundOfTheirBucketAtMostTenPercentHigh() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (long ms = 1; ms <= 1_000; ms++) {
      histogram.add(ms);
    }

    assertThat(histogram.percentile(0.5)).isBetween(500L, 550L);
    assertThat(histogram.percentile(0.95)).isBetween(950L, 1_045L);
    assertThat(new LatencyHistogram().percentile(0.5)).isNull();
  }

  @Test
  void aSliceNamesItsColumns() {
    assertThat(HealthSlice.columns("cdn|cloudfront|FRA56-P1"))
        .isEqualTo(Map.of("source", "cdn", "cdn", "cloudfront", "edge", "FRA56-P1"));
    assertThat(HealthSlice.columns("transcode|asset-42|-")).containsEntry("rendition", null);
    assertThatThrownBy(() -> HealthSlice.columns("cdn|x"))
        .hasMessageContaining("not a health slice");
  }

  private static OpsEvent cdn(int status, long ttfbMs) {
    return new OpsEvent(
        OpsSource.CDN,
        "cdn_test",
        0,
        null,
        null,
        new CdnRequest("c", "e", null, status, 10L, ttfbMs, ttfbMs, "hit", "/", null),
        null,
        null,
        null,
        null);
  }

  private static OpsEvent job(String status) {
    return new OpsEvent(
        OpsSource.TRANSCODE,
        "job_test",
        0,
        null,
        "a",
        null,
        new PackagingJob("transcode", "j", status, "1080p", null),
        null,
        null,
        null);
  }
}
