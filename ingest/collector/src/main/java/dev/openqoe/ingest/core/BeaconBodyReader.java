package dev.openqoe.ingest.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.openqoe.protocol.BeaconBatchScanner;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a /v1/beacons body, {"events": [...]} or one event object, in one streaming pass: each
 * event is validated as it is read, and only a rejected event's text is cut out of the body (for
 * the DLQ, exactly as received). A duplicate field anywhere it is read, like malformed JSON, makes
 * the whole body unreadable. The common form of a batch is read straight from its bytes by {@link
 * BeaconBatchScanner}; Jackson's streaming parser reads every other body.
 */
final class BeaconBodyReader {

  // Field names are not interned: a hostile body's thousands of distinct names would go into the
  // JVM's string table. They are still canonicalised per body, which keeps byte offsets.
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();
  private static final String EVENTS = "events";

  private final BeaconParser parser;
  private final BeaconBatchScanner scanner;

  BeaconBodyReader(BeaconParser parser) {
    this.parser = parser;
    this.scanner = new BeaconBatchScanner(parser);
  }

  IngestItem.Body read(byte[] body) {
    List<BeaconBatchScanner.ScannedEvent> scanned = scanner.scan(body);
    if (scanned == null) {
      return readWithJackson(body);
    }
    List<IngestItem> items = new ArrayList<>(scanned.size());
    for (BeaconBatchScanner.ScannedEvent event : scanned) {
      items.add(item(body, event.start(), event.end(), event.result()));
    }
    return new IngestItem.Body.Items(items);
  }

  /** Reads any body; the reference the scanner's results are checked against in tests. */
  IngestItem.Body readWithJackson(byte[] body) {
    // Jackson decodes some malformed UTF-8 (encoded surrogates, overlong forms) and skips the
    // strings it is not asked for unchecked: the whole body is checked first.
    int malformed = Utf8Text.firstMalformedByte(body);
    if (malformed >= 0) {
      return new IngestItem.Body.Unreadable(
          "not_utf8",
          String.format(
              Locale.ROOT,
              "the body is not UTF-8 text: byte 0x%02X at byte offset %d does not belong there in"
                  + " UTF-8",
              body[malformed] & 0xff,
              malformed));
    }
    try (JsonParser json = JSON.createParser(body)) {
      JsonToken first = json.nextToken();
      if (first == null) {
        return new IngestItem.Body.Items(List.of());
      }
      if (first != JsonToken.START_OBJECT) {
        json.skipChildren();
        return new IngestItem.Body.Unreadable(
            "not_a_batch",
            "expected {\"events\": [...]} or one event object, got a JSON " + kind(first));
      }
      IngestItem.Body read = readObject(json, body);
      int end = (int) json.currentLocation().getByteOffset();
      int trailing = firstNonWhitespace(body, end);
      if (trailing >= 0) {
        // Two documents, or one with junk after it: which part the sender meant is unclear.
        return new IngestItem.Body.Unreadable(
            "malformed_json",
            "body is not valid JSON: data after the end of the JSON object at byte " + trailing);
      }
      return read;
    } catch (JsonProcessingException e) {
      return new IngestItem.Body.Unreadable(
          "malformed_json", "body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a request body held in memory", e);
    }
  }

  /**
   * A batch when the object has an "events" field, wherever it is; else the object is one event,
   * whose other fields were kept aside while looking for "events".
   */
  private IngestItem.Body readObject(JsonParser json, byte[] body) throws IOException {
    List<IngestItem> events = null;
    boolean eventsNotAnArray = false;
    // Started at the first field that is not "events": a batch usually has no other field.
    TokenBuffer single = null;
    for (String name = json.nextFieldName(); name != null; name = json.nextFieldName()) {
      JsonToken token = json.nextToken();
      if (!name.equals(EVENTS)) {
        single = single != null ? single : startObject(json);
        single.writeFieldName(name);
        single.copyCurrentStructure(json);
      } else if (events != null || eventsNotAnArray) {
        throw new JsonParseException(json, "Duplicate field '" + EVENTS + "'");
      } else if (token == JsonToken.START_ARRAY) {
        events = readEvents(json, body);
      } else {
        eventsNotAnArray = true;
        json.skipChildren();
      }
    }
    if (eventsNotAnArray) {
      return new IngestItem.Body.Unreadable("not_a_batch", "\"events\" must be an array of events");
    }
    if (events != null) {
      return new IngestItem.Body.Items(events);
    }
    single = single != null ? single : startObject(json);
    single.writeEndObject();
    try (JsonParser event = single.asParser()) {
      event.nextToken();
      ParseResult result = parser.parse(event);
      return new IngestItem.Body.Items(
          List.of(new IngestItem(new String(body, StandardCharsets.UTF_8), result)));
    }
  }

  private static TokenBuffer startObject(JsonParser json) throws IOException {
    TokenBuffer object = new TokenBuffer(json, null);
    object.writeStartObject();
    return object;
  }

  private List<IngestItem> readEvents(JsonParser json, byte[] body) throws IOException {
    List<IngestItem> items = new ArrayList<>();
    while (json.nextToken() != JsonToken.END_ARRAY) {
      int start = (int) json.currentTokenLocation().getByteOffset();
      ParseResult result = parser.parse(json);
      // Only a rejected event's text is cut out, so only then is its end looked up.
      int end =
          result instanceof ParseResult.Invalid
              ? (int) json.currentLocation().getByteOffset()
              : start;
      items.add(item(body, start, end, result));
    }
    return items;
  }

  /** An event of a batch, with its text cut out of the body only when it is rejected. */
  private static IngestItem item(byte[] body, int start, int end, ParseResult result) {
    String payload =
        result instanceof ParseResult.Invalid
            ? new String(body, start, end - start, StandardCharsets.UTF_8)
            : null;
    return new IngestItem(payload, result);
  }

  /** The offset of the first byte from {@code from} on that is not JSON whitespace, or -1. */
  private static int firstNonWhitespace(byte[] body, int from) {
    for (int i = from; i < body.length; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return i;
      }
    }
    return -1;
  }

  /** The JSON kind a body starts with, in the words of the error message. */
  private static String kind(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      default -> "null";
    };
  }
}
