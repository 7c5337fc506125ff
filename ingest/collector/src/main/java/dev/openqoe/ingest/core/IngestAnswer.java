package dev.openqoe.ingest.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the collector answers to a request, as data: the transport writes it.
 *
 * @param headers written in this order, before Content-Type
 * @param body JSON (Content-Type: application/json), or null for an answer without a body
 * @param allowedOrigin the browser origin allowed to read the answer (Access-Control-Allow-Origin,
 *     Vary: Origin), or null
 */
public record IngestAnswer(
    int status, List<AnswerHeader> headers, byte[] body, String allowedOrigin) {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A refusal as {"error": code, "reason": reason}. */
  public static IngestAnswer refusal(int status, String code, String reason) {
    return refusal(status, code, reason, List.of());
  }

  static IngestAnswer refusal(int status, String code, String reason, List<AnswerHeader> headers) {
    return json(status, JSON.createObjectNode().put("error", code).put("reason", reason), headers);
  }

  static IngestAnswer json(int status, ObjectNode body, List<AnswerHeader> headers) {
    try {
      return new IngestAnswer(status, headers, JSON.writeValueAsBytes(body), null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render an answer", e);
    }
  }

  /** The same answer, readable by the browser page at {@code origin}; itself when null. */
  IngestAnswer allowingOrigin(String origin) {
    return origin == null ? this : new IngestAnswer(status, headers, body, origin);
  }
}
