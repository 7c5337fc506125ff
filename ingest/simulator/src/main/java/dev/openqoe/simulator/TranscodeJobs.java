package dev.openqoe.simulator;

import dev.openqoe.protocol.StreamType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The catalogue's MediaConvert jobs, one per VOD asset and rendition (live channels are encoded
 * live, not by MediaConvert): all submitted when simulated time starts, each SUBMITTED,
 * PROGRESSING, then COMPLETE. A {@code transcode-broken} incident adds a job for its rendition,
 * submitted at the incident's start, that ends in ERROR (its outputs are missing from then on), and
 * a resubmitted one at its end that completes; one that starts with simulated time fails the
 * catalogue's own job.
 */
final class TranscodeJobs {

  /** MediaConvert's code and message when a job cannot write its outputs to S3. */
  static final int ERROR_CODE = 1401;

  static final String ORIGIN_BUCKET = "s3://openqoe-vod-origin";

  private TranscodeJobs() {}

  /**
   * @param horizonTs no event after this time is planned (a fast run's simulated time ends at it)
   */
  static List<JobStateChange> plan(
      Catalog catalog, List<Incident> incidents, long originTs, long horizonTs, long seed) {
    Random random = new Random(seed ^ 0x6a6f6273L);
    List<JobStateChange> events = new ArrayList<>();
    long submitAt = originTs;
    for (Asset asset : catalog.assets()) {
      if (asset.streamType() != StreamType.VOD) {
        continue;
      }
      for (int kbps : asset.ladder()) {
        job(
            events,
            random,
            asset,
            kbps,
            submitAt,
            brokenFromTheStart(incidents, asset, kbps),
            horizonTs);
        submitAt += 250;
      }
    }
    for (Incident incident : incidents) {
      if (incident.kind() != IncidentKind.TRANSCODE_BROKEN) {
        continue;
      }
      Asset asset = asset(catalog, incident.scope().get("asset_id"));
      long start = originTs + incident.start().toMillis();
      if (incident.start().toMillis() > 0) {
        job(events, random, asset, incident.bitrateKbps(), start, true, horizonTs);
      }
      job(
          events,
          random,
          asset,
          incident.bitrateKbps(),
          start + incident.duration().toMillis(),
          false,
          horizonTs);
    }
    events.sort(Comparator.comparingLong(JobStateChange::ts));
    return events;
  }

  /** Whether a transcode-broken incident breaks this rendition as simulated time starts. */
  private static boolean brokenFromTheStart(List<Incident> incidents, Asset asset, int kbps) {
    return incidents.stream()
        .anyMatch(
            i ->
                i.kind() == IncidentKind.TRANSCODE_BROKEN
                    && i.scope().get("asset_id").equals(asset.assetId())
                    && i.bitrateKbps() == kbps
                    && i.start().isZero());
  }

  private static Asset asset(Catalog catalog, String assetId) {
    return catalog.assets().stream()
        .filter(a -> a.assetId().equals(assetId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no asset " + assetId));
  }

  private static void job(
      List<JobStateChange> events,
      Random random,
      Asset asset,
      int kbps,
      long submittedTs,
      boolean fails,
      long horizonTs) {
    // MediaConvert's job ids: the submission time in epoch ms, a dash, six base-36 characters.
    String suffix = Long.toString(Math.floorMod(random.nextLong(), 2_176_782_336L), 36);
    String jobId = submittedTs + "-" + "0".repeat(6 - suffix.length()) + suffix;
    String rendition = Asset.renditionName(kbps);
    long progressingTs = submittedTs + 1_000 + random.nextInt(3_000);
    // Transcoding takes longer for the higher renditions; a failing job stops early.
    long endTs =
        fails
            ? progressingTs + 5_000 + random.nextInt(25_000)
            : progressingTs + 20_000 + kbps * 8L + random.nextInt(20_000);
    add(events, random, submittedTs, jobId, "SUBMITTED", asset, rendition, null, horizonTs);
    add(events, random, progressingTs, jobId, "PROGRESSING", asset, rendition, null, horizonTs);
    add(
        events,
        random,
        endTs,
        jobId,
        fails ? "ERROR" : "COMPLETE",
        asset,
        rendition,
        fails
            ? "Unable to write to output file ["
                + ORIGIN_BUCKET
                + "/"
                + asset.assetId()
                + "/"
                + rendition
                + "/seg.m4s]: [Failed to write data: Access Denied]"
            : null,
        horizonTs);
  }

  private static void add(
      List<JobStateChange> events,
      Random random,
      long ts,
      String jobId,
      String status,
      Asset asset,
      String rendition,
      String errorMessage,
      long horizonTs) {
    if (ts > horizonTs) {
      return;
    }
    events.add(
        new JobStateChange(
            ts,
            RandomIds.uuid(random),
            jobId,
            status,
            asset.assetId(),
            rendition,
            errorMessage == null ? null : ERROR_CODE,
            errorMessage));
  }
}
