package dev.openqoe.delivery;

import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.LicenseRequest;
import dev.openqoe.ops.OpsEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of one delivery-chain slice (a CDN edge, a DRM system in a region, a content's
 * rendition) over a window: what its events add up to. Counters of the other sources stay 0.
 */
public final class SliceHealth {

  /**
   * 2: counters as {@link VarLong}s, histograms sparse (a few dozen bytes instead of 3 KiB, read
   * and written for every event the window aggregates); 1, fixed-width, is still read.
   */
  private static final int FORMAT_VERSION = 2;

  private long requests;
  private long status4xx;
  private long status5xx;
  private long cacheMisses;
  private long bytes;
  private final LatencyHistogram ttfb;
  private final LatencyHistogram timeTaken;
  private long licenseRequests;
  private long licenseDenials;
  private long licenseErrors;
  private final LatencyHistogram licenseLatency;
  private long jobEvents;
  private long jobFailures;

  public SliceHealth() {
    this(new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram());
  }

  private SliceHealth(
      LatencyHistogram ttfb, LatencyHistogram timeTaken, LatencyHistogram licenseLatency) {
    this.ttfb = ttfb;
    this.timeTaken = timeTaken;
    this.licenseLatency = licenseLatency;
  }

  /** Adds one event; returns this, as aggregations want. */
  public SliceHealth add(OpsEvent event) {
    switch (event.source()) {
      case CDN -> addRequest(event.cdnRequest());
      case DRM -> addLicense(event.license());
      case TRANSCODE -> {
        jobEvents++;
        if ("error".equals(event.job().status())) {
          jobFailures++;
        }
      }
    }
    return this;
  }

  private void addRequest(CdnRequest request) {
    requests++;
    Integer status = request.statusCode();
    if (status != null && status >= 400 && status < 500) {
      status4xx++;
    } else if (status != null && status >= 500) {
      status5xx++;
    }
    if ("miss".equals(request.cacheResult())) {
      cacheMisses++;
    }
    bytes += request.bytes() == null ? 0 : request.bytes();
    if (request.ttfbMs() != null) {
      ttfb.add(request.ttfbMs());
    }
    if (request.timeTakenMs() != null) {
      timeTaken.add(request.timeTakenMs());
    }
  }

  private void addLicense(LicenseRequest license) {
    licenseRequests++;
    switch (license.outcome()) {
      case "denied" -> licenseDenials++;
      case "error" -> licenseErrors++;
      default -> {}
    }
    if (license.latencyMs() != null) {
      licenseLatency.add(license.latencyMs());
    }
  }

  /** The figures, by the column names of the health topic (percentiles null without samples). */
  public Map<String, Object> figures() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("requests", requests);
    figures.put("status_4xx", status4xx);
    figures.put("status_5xx", status5xx);
    figures.put("cache_misses", cacheMisses);
    figures.put("bytes", bytes);
    figures.put("ttfb_p50_ms", ttfb.percentile(0.5));
    figures.put("ttfb_p95_ms", ttfb.percentile(0.95));
    figures.put("time_taken_p50_ms", timeTaken.percentile(0.5));
    figures.put("time_taken_p95_ms", timeTaken.percentile(0.95));
    figures.put("license_requests", licenseRequests);
    figures.put("license_denials", licenseDenials);
    figures.put("license_errors", licenseErrors);
    figures.put("license_latency_p95_ms", licenseLatency.percentile(0.95));
    figures.put("job_events", jobEvents);
    figures.put("job_failures", jobFailures);
    return figures;
  }

  public void writeTo(DataOutput out) throws IOException {
    out.writeByte(FORMAT_VERSION);
    for (long counter :
        new long[] {
          requests,
          status4xx,
          status5xx,
          cacheMisses,
          bytes,
          licenseRequests,
          licenseDenials,
          licenseErrors,
          jobEvents,
          jobFailures
        }) {
      VarLong.write(out, counter);
    }
    ttfb.writeTo(out);
    timeTaken.writeTo(out);
    licenseLatency.writeTo(out);
  }

  public static SliceHealth readFrom(DataInput in) throws IOException {
    int version = in.readByte();
    if (version != FORMAT_VERSION && version != 1) {
      throw new IOException(
          "slice health written in format "
              + version
              + ", this release reads 1 and "
              + FORMAT_VERSION);
    }
    long[] counters = new long[10];
    for (int i = 0; i < counters.length; i++) {
      counters[i] = version == 1 ? in.readLong() : VarLong.read(in);
    }
    SliceHealth health =
        version == 1
            ? new SliceHealth(
                LatencyHistogram.readFromVersion1(in),
                LatencyHistogram.readFromVersion1(in),
                LatencyHistogram.readFromVersion1(in))
            : new SliceHealth(
                LatencyHistogram.readFrom(in),
                LatencyHistogram.readFrom(in),
                LatencyHistogram.readFrom(in));
    health.requests = counters[0];
    health.status4xx = counters[1];
    health.status5xx = counters[2];
    health.cacheMisses = counters[3];
    health.bytes = counters[4];
    health.licenseRequests = counters[5];
    health.licenseDenials = counters[6];
    health.licenseErrors = counters[7];
    health.jobEvents = counters[8];
    health.jobFailures = counters[9];
    return health;
  }
}
