package dev.openqoe.protocol;

import com.fasterxml.jackson.core.JsonToken;
import dev.openqoe.protocol.BeaconFields.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the form nearly every beacon batch takes straight from its bytes: {@code {"events": [...]}}
 * of flat event objects, in ASCII without escapes, integers without sign, fraction or exponent. For
 * anything else (another shape, an escape, a byte over 0x7f, a nested value, a long name, malformed
 * JSON) it answers null, and the caller reads the body with Jackson, which has the last word on
 * those. So it never accepts what Jackson would refuse, and for what it reads the results are the
 * streaming reader's; the collector's tests check both on generated and mangled bodies.
 *
 * <p>It exists because reading JSON through Jackson tokens was the largest part of the collector's
 * own CPU per request (see ingest/README.md, Benchmark).
 */
public final class BeaconBatchScanner {

  /**
   * One event of a scanned batch.
   *
   * @param start the offset of its opening brace in the body
   * @param end the offset just after its closing brace
   */
  public record ScannedEvent(int start, int end, ParseResult result) {}

  private static final byte[] EVENTS = "events".getBytes(StandardCharsets.US_ASCII);

  /** Longer names go to Jackson, which limits them; no field or valid custom key is longer. */
  private static final int LONGEST_NAME = BeaconParser.MAX_CUSTOM_KEY_LENGTH;

  /** 18 digits always fit a long; longer integers go to Jackson. */
  private static final int MOST_DIGITS = 18;

  private final BeaconParser parser;

  public BeaconBatchScanner(BeaconParser parser) {
    this.parser = parser;
  }

  /** The batch's events in order, or null when the body is not in the form this reads. */
  public List<ScannedEvent> scan(byte[] body) {
    try {
      return new Scan(body).batch();
    } catch (NotScannable e) {
      return null;
    }
  }

  /** Stops a scan: the body is for Jackson. Shared and without a stack trace, as it is routine. */
  private static final class NotScannable extends RuntimeException {
    static final NotScannable INSTANCE = new NotScannable();

    private NotScannable() {
      super(null, null, false, false);
    }
  }

  private final class Scan {
    private final byte[] body;
    private int position;

    /** Where the text of the last string read starts. */
    private int textStart;

    Scan(byte[] body) {
      this.body = body;
    }

    List<ScannedEvent> batch() {
      expect('{');
      if (!isEvents(name())) {
        throw NotScannable.INSTANCE;
      }
      expect(':');
      expect('[');
      List<ScannedEvent> events = new ArrayList<>();
      if (peek() == ']') {
        position++;
      } else {
        do {
          if (peek() != '{') {
            throw NotScannable.INSTANCE;
          }
          int start = position;
          BeaconFields fields = event();
          events.add(new ScannedEvent(start, position, parser.check(fields)));
        } while (separator(']'));
      }
      expect('}');
      while (position < body.length) {
        if (!isWhitespace(body[position++])) {
          throw NotScannable.INSTANCE;
        }
      }
      return events;
    }

    private BeaconFields event() {
      position++;
      BeaconFields fields = new BeaconFields();
      if (peek() == '}') {
        position++;
        return fields;
      }
      do {
        int nameLength = name();
        expect(':');
        Field field = Field.named(body, textStart, nameLength);
        if (field == null) {
          if (!fields.addUnknown(ascii(nameLength))) {
            throw NotScannable.INSTANCE;
          }
          scalar();
        } else if (fields.has(field)) {
          throw NotScannable.INSTANCE;
        } else if (field == Field.CUSTOM && peek() == '{') {
          fields.putCustom(custom());
        } else {
          fields.put(field, scalar());
        }
      } while (separator('}'));
      return fields;
    }

    private Map<String, FieldValue> custom() {
      position++;
      Map<String, FieldValue> entries = new LinkedHashMap<>();
      if (peek() == '}') {
        position++;
        return entries;
      }
      do {
        String key = ascii(name());
        expect(':');
        if (entries.put(key, scalar()) != null) {
          throw NotScannable.INSTANCE;
        }
      } while (separator('}'));
      return entries;
    }

    /**
     * A string, integer, boolean or null; containers and other numbers are Jackson's. What follows
     * a value must be a separator, so "12ab" or "truex" end the scan there.
     */
    private FieldValue scalar() {
      byte first = peek();
      if (first == '"') {
        return new FieldValue(JsonToken.VALUE_STRING, ascii(string()), 0, false);
      }
      if (first >= '0' && first <= '9') {
        return new FieldValue(JsonToken.VALUE_NUMBER_INT, null, integer(), true);
      }
      FieldValue literal =
          switch (first) {
            case 't' -> literal("true", FieldValue.TRUE);
            case 'f' -> literal("false", FieldValue.FALSE);
            case 'n' -> literal("null", FieldValue.NULL);
            default -> throw NotScannable.INSTANCE;
          };
      return literal;
    }

    private FieldValue literal(String spelling, FieldValue value) {
      for (int i = 0; i < spelling.length(); i++) {
        if (at(position++) != spelling.charAt(i)) {
          throw NotScannable.INSTANCE;
        }
      }
      return value;
    }

    private long integer() {
      byte[] bytes = body;
      int start = position;
      int end = start;
      long value = 0;
      // Loops keep their position in a local: this runs for every byte of every beacon.
      for (; end < bytes.length && bytes[end] >= '0' && bytes[end] <= '9'; end++) {
        value = value * 10 + (bytes[end] - '0');
      }
      position = end;
      int digits = end - start;
      // A leading zero is malformed JSON.
      if (digits > MOST_DIGITS || (body[start] == '0' && digits > 1)) {
        throw NotScannable.INSTANCE;
      }
      return value;
    }

    /** A field name at the next token; the length of its text. */
    private int name() {
      if (peek() != '"') {
        throw NotScannable.INSTANCE;
      }
      int length = string();
      if (length > LONGEST_NAME) {
        throw NotScannable.INSTANCE;
      }
      return length;
    }

    /**
     * Consumes the string whose opening quote is at the position; the length of its text, which
     * starts at {@link #textStart}.
     */
    private int string() {
      byte[] bytes = body;
      int start = position + 1;
      int end = start;
      for (; end < bytes.length && bytes[end] != '"'; end++) {
        // Negative bytes are over 0x7f (UTF-8 to be checked), below 0x20 control characters.
        if (bytes[end] < 0x20 || bytes[end] == '\\') {
          throw NotScannable.INSTANCE;
        }
      }
      if (end == bytes.length) {
        throw NotScannable.INSTANCE;
      }
      textStart = start;
      position = end + 1;
      return end - start;
    }

    /** After a member: true at a comma, false at {@code close}. */
    private boolean separator(char close) {
      byte next = peek();
      position++;
      if (next == ',') {
        return true;
      }
      if (next == close) {
        return false;
      }
      throw NotScannable.INSTANCE;
    }

    private void expect(char token) {
      if (peek() != token) {
        throw NotScannable.INSTANCE;
      }
      position++;
    }

    /** The next byte that is not whitespace, left unconsumed. */
    private byte peek() {
      while (isWhitespace(at(position))) {
        position++;
      }
      return body[position];
    }

    /** The byte at {@code index}; a body that ends early is truncated, for Jackson to report. */
    private byte at(int index) {
      if (index >= body.length) {
        throw NotScannable.INSTANCE;
      }
      return body[index];
    }

    /** Whether the last string read, of {@code length}, is "events". */
    private boolean isEvents(int length) {
      if (length != EVENTS.length) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        if (body[textStart + i] != EVENTS[i]) {
          return false;
        }
      }
      return true;
    }

    /** The text of the last string read, of {@code length}. */
    private String ascii(int length) {
      return new String(body, textStart, length, StandardCharsets.ISO_8859_1);
    }
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
