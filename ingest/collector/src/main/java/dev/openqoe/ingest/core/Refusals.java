package dev.openqoe.ingest.core;

import dev.openqoe.ingest.CollectorMetrics;
import dev.openqoe.ingest.config.IngestProperty;
import java.util.List;

/**
 * The collector's refusals, of whole requests and of single events: each is logged (at most a line
 * per reason every ten seconds, in one log for both) and counted under its reason code; a request's
 * refusal is answered as {"error": code, "reason": reason}.
 */
final class Refusals {

  private static final List<AnswerHeader> RETRY_AFTER_A_SECOND =
      List.of(new AnswerHeader("Retry-After", "1"));

  private final CollectorMetrics metrics;
  private final String beaconsTooLarge;
  private final String opsTooLarge;
  private final List<AnswerHeader> retryLater;
  private final RejectLog rejectLog = new RejectLog();

  Refusals(CollectorMetrics metrics, int maxBodyBytes, int maxOpsBodyBytes, int retryAfterSeconds) {
    this.metrics = metrics;
    this.beaconsTooLarge = ": at most " + maxBodyBytes + " bytes are allowed (after decompression)";
    // A delivery-chain body becomes one Kafka record, so a larger one can only be sent in parts.
    this.opsTooLarge =
        ": at most "
            + maxOpsBodyBytes
            + " bytes are allowed (after decompression); split the batch into smaller requests";
    this.retryLater = List.of(new AnswerHeader("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  /**
   * @param property the request's property, null before its key is known
   */
  IngestAnswer refusal(IngestProperty property, int status, String code, String reason) {
    return refusal(property, status, code, reason, List.of());
  }

  IngestAnswer refusal(
      IngestProperty property, int status, String code, String reason, List<AnswerHeader> headers) {
    rejectLog.rejected(code, property == null ? null : property.id(), reason);
    metrics.rejectedRequest(code);
    return IngestAnswer.refusal(status, code, reason, headers);
  }

  /**
   * A body over the limit of its endpoint, before or after decompression; {@code what} tells which.
   */
  IngestAnswer tooLarge(IngestProperty property, Endpoint endpoint, String what) {
    return refusal(
        property,
        413,
        "body_too_large",
        what + (endpoint == Endpoint.OPS ? opsTooLarge : beaconsTooLarge));
  }

  /** A request over a rate limit; {@code who} names whose. */
  IngestAnswer rateLimited(IngestProperty property, String code, String who) {
    return refusal(
        property, 429, code, "too many requests from " + who + ": slow down", RETRY_AFTER_A_SECOND);
  }

  /** A request that may succeed later: 503 with the configured Retry-After. */
  IngestAnswer retryLater(IngestProperty property, String code, String reason) {
    return refusal(property, 503, code, reason, retryLater);
  }

  /** An event the sink stores on the dead-letter queue, logged and counted by its reason. */
  void rejectedEvent(IngestProperty property, int index, String reasonCode, String message) {
    metrics.rejectedEvent(property.id(), reasonCode);
    rejectLog.rejected(reasonCode, property.id(), "event " + index + ": " + message);
  }
}
