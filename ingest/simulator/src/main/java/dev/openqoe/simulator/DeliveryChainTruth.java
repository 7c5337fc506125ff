package dev.openqoe.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Which delivery-chain records belong to one session, and what they show: kept for the ground truth
 * instead of the records themselves.
 *
 * @param requestIds the CDN's ids of its requests (CloudFront's x-edge-request-id, the CDN JSON
 *     form's request_id), in time order
 * @param status4xx requests answered 4xx (a missing rendition's 404s, a geo-block's 403)
 * @param status5xx requests answered 5xx (a degraded edge)
 * @param firstTs time of its first CDN request, or 0 when it made none
 * @param lastTs time of its last CDN request, or 0 when it made none
 * @param license its license request, or null
 */
public record DeliveryChainTruth(
    String cdn,
    String edge,
    boolean cmcd,
    List<String> requestIds,
    int status4xx,
    int status5xx,
    long firstTs,
    long lastTs,
    LicenseRequest license) {

  public DeliveryChainTruth {
    requestIds = List.copyOf(requestIds);
  }

  static DeliveryChainTruth of(SessionPlan plan, SessionDelivery delivery) {
    List<MediaRequest> requests = delivery.requests();
    return new DeliveryChainTruth(
        plan.cdn().name(),
        delivery.edge(),
        delivery.cmcd(),
        requests.stream().map(MediaRequest::requestId).toList(),
        (int) requests.stream().filter(r -> r.status() / 100 == 4).count(),
        (int) requests.stream().filter(r -> r.status() / 100 == 5).count(),
        requests.isEmpty() ? 0 : requests.get(0).endTs(),
        requests.isEmpty() ? 0 : requests.get(requests.size() - 1).endTs(),
        delivery.license());
  }

  /** The health slice its CDN requests count in: {@code cdn|<cdn>|<edge>}. */
  public String cdnSlice() {
    return "cdn|" + cdn + "|" + edge;
  }

  /** The health slice its license request counts in, {@code drm|<system>|<region>}, or null. */
  public String drmSlice() {
    return license == null ? null : "drm|" + license.drmSystem() + "|" + license.region();
  }

  ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("cdn", cdn);
    json.put("edge", edge);
    json.put("slice", cdnSlice());
    json.put("cmcd", cmcd);
    json.put("requests", requestIds.size());
    json.put("status_4xx", status4xx);
    json.put("status_5xx", status5xx);
    requestIds.forEach(json.putArray("request_ids")::add);
    if (license == null) {
      json.putNull("license");
    } else {
      json.putObject("license")
          .put("request_id", license.requestId())
          .put("drm_system", license.drmSystem())
          .put("region", license.region())
          .put("slice", drmSlice())
          .put("outcome", license.outcome())
          .put("error_code", license.errorCode())
          .put("ts", license.ts());
    }
    return json;
  }
}
