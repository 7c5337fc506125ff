package dev.openqoe.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.protocol.BeaconRejection;
import java.util.List;

/**
 * One input item of a request, a beacon event or a CMCD report: its JSON form to validate, or why
 * it cannot be a beacon at all.
 *
 * @param payload the item's raw text for the DLQ, or null to use the JSON form
 * @param beacon the protocol-v1 JSON, or null when {@code rejection} is set
 */
record IngestItem(String payload, JsonNode beacon, BeaconRejection rejection) {

  /** The raw text kept on the DLQ when the item is rejected. */
  String rawText() {
    return payload != null ? payload : beacon.toString();
  }

  /** What a request body holds: its items, or why it cannot be read as a whole. */
  sealed interface Body {
    record Items(List<IngestItem> items) implements Body {}

    record Unreadable(String code, String reason) implements Body {}
  }
}
