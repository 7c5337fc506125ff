package dev.openqoe.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * One raw delivery-chain record as its stage writes it (a log line, a JSON object), with its event
 * time, for sending in time order.
 */
record OpsRecord(long ts, DeliveryFeed feed, String text) {

  /** A session's CDN requests (CloudFront's as log lines, the others' as CDN JSON) and license. */
  static List<OpsRecord> of(SessionDelivery delivery) {
    List<OpsRecord> records = new ArrayList<>(delivery.requests().size() + 1);
    for (MediaRequest request : delivery.requests()) {
      records.add(
          request.cdn().equals(Cdn.CLOUDFRONT)
              ? new OpsRecord(
                  request.endTs(), DeliveryFeed.CLOUDFRONT, CloudFrontLogLines.line(request))
              : new OpsRecord(request.endTs(), DeliveryFeed.CDN, DeliveryJson.cdnRequest(request)));
    }
    if (delivery.license() != null) {
      records.add(
          new OpsRecord(
              delivery.license().ts(),
              DeliveryFeed.DRM,
              DeliveryJson.licenseRequest(delivery.license())));
    }
    return records;
  }

  static List<OpsRecord> of(List<JobStateChange> jobs) {
    return jobs.stream()
        .map(e -> new OpsRecord(e.ts(), DeliveryFeed.MEDIACONVERT, DeliveryJson.jobStateChange(e)))
        .toList();
  }
}
