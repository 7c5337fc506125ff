package dev.openqoe.ingest.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.ingest.CollectorMetrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The answers once the sink holds every record of a request: 200 when any event was accepted, else
 * 400, with the accepted and rejected counts and the rejected events' reasons.
 */
final class StoredAnswers {

  private final CollectorMetrics metrics;
  private final AtomicReferenceArray<IngestAnswer> allStored;

  StoredAnswers(int maxEventsPerRequest, CollectorMetrics metrics) {
    this.metrics = metrics;
    this.allStored = new AtomicReferenceArray<>(maxEventsPerRequest + 1);
  }

  /**
   * @param errors the rejected events' reasons; null when every event was valid
   */
  IngestAnswer answer(int accepted, int total, ArrayNode errors) {
    if (errors == null) {
      return allStored(accepted);
    }
    ObjectNode answer =
        IngestAnswer.JSON
            .createObjectNode()
            .put("accepted", accepted)
            .put("rejected", total - accepted);
    answer.set("errors", errors);
    if (accepted == 0) {
      answer.put("error", "no_valid_events");
      // Every refusal says why; here each event's reason is in errors.
      answer.put(
          "reason",
          total == 1
              ? "the event was rejected: " + errors.get(0).path("reason").asText()
              : "none of the " + total + " events is valid; errors gives each one's reason");
      metrics.rejectedRequest("no_valid_events");
    }
    return IngestAnswer.json(accepted > 0 ? 200 : 400, answer, List.of());
  }

  /** The common answer, on nearly every request's path: made once per event count. */
  private IngestAnswer allStored(int accepted) {
    IngestAnswer answer = allStored.get(accepted);
    if (answer == null) {
      byte[] body =
          ("{\"accepted\":" + accepted + ",\"rejected\":0,\"errors\":[]}")
              .getBytes(StandardCharsets.UTF_8);
      answer = new IngestAnswer(200, List.of(), body, null);
      allStored.set(accepted, answer);
    }
    return answer;
  }
}
