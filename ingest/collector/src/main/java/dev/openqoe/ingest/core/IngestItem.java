package dev.openqoe.ingest.core;

import dev.openqoe.protocol.ParseResult;
import java.util.List;

/**
 * One input item of a request, a beacon event or a CMCD report, judged by the protocol's parser.
 *
 * @param payload the item as received, kept on the DLQ when it is rejected; null only for valid
 *     items whose text is not needed
 * @param result the beacon, or why the item was rejected
 */
record IngestItem(String payload, ParseResult result) {

  /** What a request body holds: its items, or why it cannot be read as a whole. */
  sealed interface Body {
    record Items(List<IngestItem> items) implements Body {}

    record Unreadable(String code, String reason) implements Body {}
  }
}
