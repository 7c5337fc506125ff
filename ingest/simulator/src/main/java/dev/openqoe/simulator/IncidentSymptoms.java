package dev.openqoe.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where an incident shows in the delivery chain, in the normaliser's terms: the stage, the health
 * slices ({@code cdn|<cdn>|<edge>}, {@code drm|<system>|<region>}, {@code
 * transcode|<content>|<rendition>}), the incident's window and what its records show.
 */
final class IncidentSymptoms {

  private IncidentSymptoms() {}

  /**
   * @param hit the sessions the incident hit
   */
  static ObjectNode of(
      Incident incident, List<SessionTruth> hit, List<JobStateChange> jobs, long originTs) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    long start = originTs + incident.start().toMillis();
    long end = start + incident.duration().toMillis();
    json.put("stage", stage(incident.kind()));
    ArrayNode slices = json.putArray("slices");
    json.putObject("window").put("start_ts", start).put("end_ts", end);
    json.put("sessions", hit.size());
    List<DeliveryChainTruth> chains = hit.stream().map(SessionTruth::deliveryChain).toList();
    switch (incident.kind()) {
      case CDN_DEGRADED -> {
        List<DeliveryChainTruth> requesting =
            chains.stream().filter(c -> !c.requestIds().isEmpty()).toList();
        requesting.stream()
            .map(DeliveryChainTruth::cdnSlice)
            .collect(Collectors.toCollection(TreeSet::new))
            .forEach(slices::add);
        json.put("requests", requesting.stream().mapToInt(c -> c.requestIds().size()).sum());
        json.put("status_5xx", requesting.stream().mapToInt(DeliveryChainTruth::status5xx).sum());
        json.put(
            "first_ts", requesting.stream().mapToLong(DeliveryChainTruth::firstTs).min().orElse(0));
        json.put(
            "last_ts", requesting.stream().mapToLong(DeliveryChainTruth::lastTs).max().orElse(0));
      }
      case DRM_OUTAGE -> {
        List<LicenseRequest> failed =
            chains.stream()
                .map(DeliveryChainTruth::license)
                .filter(Objects::nonNull)
                .filter(l -> !l.granted())
                .toList();
        failed.stream()
            .map(l -> "drm|" + l.drmSystem() + "|" + l.region())
            .collect(Collectors.toCollection(TreeSet::new))
            .forEach(slices::add);
        json.put(
            "license_denied", failed.stream().filter(l -> l.outcome().equals("denied")).count());
        json.put("license_error", failed.stream().filter(l -> l.outcome().equals("error")).count());
        failed.forEach(l -> json.withArray("failed_license_request_ids").add(l.requestId()));
        json.put("first_ts", failed.stream().mapToLong(LicenseRequest::ts).min().orElse(0));
        json.put("last_ts", failed.stream().mapToLong(LicenseRequest::ts).max().orElse(0));
      }
      case TRANSCODE_BROKEN -> {
        String asset = incident.scope().get("asset_id");
        slices.add("transcode|" + asset + "|" + incident.rendition());
        ArrayNode failedJobs = json.putArray("failed_job_ids");
        jobs.stream()
            .filter(j -> j.status().equals("ERROR"))
            .filter(j -> j.assetId().equals(asset) && j.rendition().equals(incident.rendition()))
            .filter(j -> j.ts() >= start && j.ts() < end)
            .forEach(j -> failedJobs.add(j.jobId()));
        json.put("status_4xx", chains.stream().mapToInt(DeliveryChainTruth::status4xx).sum());
      }
      case BAD_RENDITION ->
          json.put(
              "note",
              "none: the rendition was transcoded and is served; only players see it fail to"
                  + " decode");
      case PLAYER_BUG ->
          json.put(
              "note",
              "none: the delivery chain is healthy (CDN requests answered 2xx, licenses granted);"
                  + " the players fail on their own with PLAYER_INTERNAL_ERROR");
    }
    return json;
  }

  private static String stage(IncidentKind kind) {
    return switch (kind) {
      case CDN_DEGRADED -> "cdn";
      case DRM_OUTAGE -> "drm";
      case TRANSCODE_BROKEN -> "transcode";
      case BAD_RENDITION, PLAYER_BUG -> "player";
    };
  }
}
