package dev.openqoe.ingest.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a /v1/beacons body: one event object, or {"events": [...]}. */
final class BeaconBodyReader {

  /** Duplicate keys are refused, as by the protocol's parser: which value would win is unclear. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private BeaconBodyReader() {}

  static IngestItem.Body read(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      String detail =
          e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      return new IngestItem.Body.Unreadable("malformed_json", "body is not valid JSON: " + detail);
    }
    if (root == null || root.isMissingNode()) {
      return new IngestItem.Body.Items(List.of());
    }
    if (!root.isObject()) {
      return new IngestItem.Body.Unreadable(
          "not_a_batch",
          "expected {\"events\": [...]} or one event object, got a JSON "
              + root.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    JsonNode events = root.get("events");
    if (events == null) {
      return new IngestItem.Body.Items(List.of(new IngestItem(null, root, null)));
    }
    if (!events.isArray()) {
      return new IngestItem.Body.Unreadable("not_a_batch", "\"events\" must be an array of events");
    }
    List<IngestItem> items = new ArrayList<>(events.size());
    for (JsonNode event : events) {
      items.add(new IngestItem(null, event, null));
    }
    return new IngestItem.Body.Items(items);
  }
}
