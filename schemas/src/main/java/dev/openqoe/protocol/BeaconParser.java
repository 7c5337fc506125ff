package dev.openqoe.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.protocol.BeaconFields.Field;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and validates beacons of protocol v1 (schemas/src/main/resources/json). Every rule of the
 * protocol lives here, so the collector, the replay CLI and the stream jobs reject the same inputs
 * for the same reasons. Unknown fields are ignored, so newer players keep working with older
 * collectors.
 */
public final class BeaconParser {

  public static final int MAX_TEXT_LENGTH = 256;
  public static final int MAX_CUSTOM_ENTRIES = 10;
  public static final int MAX_CUSTOM_KEY_LENGTH = 64;

  /**
   * Fields an event may have that this version does not know (a later version's, an SDK's own):
   * more than twice the protocol's own is no newer player, and each costs work to skip.
   */
  public static final int MAX_UNKNOWN_FIELDS = 64;

  /** 9999-12-31T23:59:59.999Z: anything later is not an epoch-millisecond timestamp. */
  public static final long MAX_TS = 253_402_300_799_999L;

  /** 2^53 - 1: larger integers lose precision in the JavaScript players that send beacons. */
  public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

  private static final JsonFactory JSON = new JsonFactory();

  private final Clock clock;
  private final long maxFutureSkewMs;

  private BeaconParser(Clock clock, long maxFutureSkewMs) {
    this.clock = clock;
    this.maxFutureSkewMs = maxFutureSkewMs;
  }

  /** A parser that accepts any timestamp in the protocol's range: for replaying old files. */
  public static BeaconParser lenientClock() {
    return new BeaconParser(null, 0);
  }

  /**
   * A parser that also rejects timestamps further than {@code maxFutureSkew} ahead of {@code
   * clock}: for live ingest, where such a timestamp can only be a broken client clock.
   */
  public static BeaconParser withFutureLimit(Clock clock, Duration maxFutureSkew) {
    return new BeaconParser(clock, maxFutureSkew.toMillis());
  }

  /** Parses one JSON document holding one beacon. */
  public ParseResult parse(String json) {
    try {
      return parseDocument(JSON.createParser(json));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a string", e);
    }
  }

  /** Validates one beacon given as a JSON tree (CMCD reports are mapped to one). */
  public ParseResult parse(JsonNode node) {
    return parseDocument(node.traverse());
  }

  private ParseResult parseDocument(JsonParser document) {
    try (JsonParser parser = document) {
      if (parser.nextToken() == null) {
        return invalid(null, "empty document: expected a JSON object");
      }
      return parse(parser);
    } catch (JsonProcessingException e) {
      return invalid(null, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a document held in memory", e);
    }
  }

  /**
   * Reads and validates the value at the parser's current token, consuming it to its last token:
   * for readers that stream a batch of beacons.
   *
   * @throws JsonProcessingException when the JSON itself is malformed (or names a field twice): the
   *     document cannot be read further
   */
  public ParseResult parse(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.START_OBJECT) {
      String got = FieldValue.read(parser).describe();
      return invalid(null, "expected a JSON object, got " + got);
    }
    return check(BeaconFields.read(parser));
  }

  /** Applies the protocol's rules to one beacon's fields, however they were read. */
  ParseResult check(BeaconFields fields) {
    try {
      return new ParseResult.Valid(read(fields));
    } catch (Rejected rejected) {
      return new ParseResult.Invalid(rejected.rejection);
    }
  }

  private BeaconEvent read(BeaconFields fields) {
    if (fields.unknownCount() > MAX_UNKNOWN_FIELDS) {
      throw rejected(
          null,
          "has "
              + fields.unknownCount()
              + " fields protocol v1 does not know, at most "
              + MAX_UNKNOWN_FIELDS
              + " are allowed");
    }
    FieldValue version = required(fields, Field.V);
    if (!version.isLong() || version.integer() != BeaconEvent.PROTOCOL_VERSION) {
      throw rejected("v", "must be 1 (the protocol version), got " + version.describe());
    }
    FieldValue session = required(fields, Field.SESSION_ID);
    if (!session.isText() || !isSessionId(session.text())) {
      throw rejected(
          "session_id", "must be 1-128 characters of [A-Za-z0-9._:-], got " + session.describe());
    }
    long seq = longField(fields, Field.SEQ, 0, MAX_SAFE_INTEGER, true);
    FieldValue typeValue = required(fields, Field.TYPE);
    EventType type =
        typeValue.isText() ? WireEnum.fromWire(EventType.class, typeValue.text()) : null;
    if (type == null) {
      throw rejected(
          "type",
          "must be one of "
              + WireEnum.wireNames(EventType.class)
              + ", got "
              + typeValue.describe());
    }
    long ts = longField(fields, Field.TS, 0, MAX_TS, true);
    if (clock != null && ts > clock.millis() + maxFutureSkewMs) {
      throw rejected(
          "ts",
          "is "
              + Duration.ofMillis(ts - clock.millis()).toSeconds()
              + " s ahead of the server clock (at most "
              + maxFutureSkewMs / 1000
              + " s allowed): check the device clock");
    }
    Long bitrate = longField(fields, Field.BITRATE_KBPS, 1, Integer.MAX_VALUE, false);
    if (type == EventType.BITRATE_CHANGE && bitrate == null) {
      throw rejected("bitrate_kbps", "is required on bitrate_change");
    }
    Long playhead = longField(fields, Field.PLAYHEAD_MS, 0, MAX_SAFE_INTEGER, false);
    PlaybackError error = readError(fields, type);
    return new BeaconEvent(
        session.text(),
        seq,
        type,
        ts,
        bitrate == null ? null : bitrate.intValue(),
        playhead,
        error,
        readDimensions(fields),
        readCmcd(fields, type));
  }

  /** The report of a cmcd beacon; on other types the cmcd fields are checked, then ignored. */
  private static CmcdReport readCmcd(BeaconFields fields, EventType type) {
    boolean isCmcd = type == EventType.CMCD;
    CmcdReportMode mode = enumField(fields, Field.CMCD_MODE, CmcdReportMode.class);
    if (isCmcd && mode == null) {
      throw rejected(Field.CMCD_MODE.wireName, "is required on cmcd beacons");
    }
    Long sn = longField(fields, Field.CMCD_SN, 0, MAX_SAFE_INTEGER, isCmcd);
    String state = token(fields, Field.CMCD_STA);
    String event = token(fields, Field.CMCD_E);
    String report =
        checkedText(
            Field.CMCD_REPORT.wireName,
            fields.get(Field.CMCD_REPORT),
            CmcdReport.MAX_PAYLOAD_LENGTH);
    return isCmcd ? new CmcdReport(mode, sn, state, event, report) : null;
  }

  /** A CMCD token such as sta's or e's: 1-8 lower-case letters (CTA-5004-B tokens are 1-3). */
  private static String token(BeaconFields fields, Field field) {
    String text = text(fields, field);
    if (text == null) {
      return null;
    }
    boolean valid = text.length() <= 8;
    for (int i = 0; valid && i < text.length(); i++) {
      valid = text.charAt(i) >= 'a' && text.charAt(i) <= 'z';
    }
    if (!valid) {
      throw rejected(
          field.wireName, "must be a CMCD token of 1-8 letters a-z, got " + FieldValue.quote(text));
    }
    return text;
  }

  /** 1-128 characters of [A-Za-z0-9._:-]: a loop, as a regular expression costs more per beacon. */
  private static boolean isSessionId(String text) {
    int length = text.length();
    if (length == 0 || length > 128) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  private static PlaybackError readError(BeaconFields fields, EventType type) {
    String code = text(fields, Field.ERROR_CODE);
    Boolean fatal = booleanField(fields, Field.ERROR_FATAL);
    ErrorCategory category = enumField(fields, Field.ERROR_CATEGORY, ErrorCategory.class);
    // A cmcd beacon carries an error when its report tells one (e=e, sta=f); only error needs one.
    if (type != EventType.ERROR && (type != EventType.CMCD || code == null)) {
      return null;
    }
    if (code == null) {
      throw rejected("error_code", "is required on error beacons");
    }
    return new PlaybackError(
        code, Boolean.TRUE.equals(fatal), category == null ? ErrorCategory.TECHNICAL : category);
  }

  private static SessionDimensions readDimensions(BeaconFields fields) {
    return new SessionDimensions(
        text(fields, Field.VIEWER_ID),
        text(fields, Field.ASSET_ID),
        enumField(fields, Field.STREAM_TYPE, StreamType.class),
        text(fields, Field.PLAYER_NAME),
        text(fields, Field.PLAYER_VERSION),
        text(fields, Field.DEVICE_TYPE),
        text(fields, Field.OS),
        text(fields, Field.APP_VERSION),
        text(fields, Field.CDN),
        text(fields, Field.DRM_SYSTEM),
        custom(fields));
  }

  private static Map<String, String> custom(BeaconFields fields) {
    FieldValue custom = fields.get(Field.CUSTOM);
    if (custom == null || custom.isNull()) {
      return null;
    }
    Map<String, FieldValue> entries = fields.custom();
    if (entries == null) {
      throw rejected("custom", "must be an object of string values, got " + custom.describe());
    }
    if (entries.size() > MAX_CUSTOM_ENTRIES) {
      throw rejected(
          "custom",
          "has " + entries.size() + " entries, at most " + MAX_CUSTOM_ENTRIES + " are allowed");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, FieldValue> entry : entries.entrySet()) {
      String key = entry.getKey();
      if (key.isEmpty()
          || key.length() > MAX_CUSTOM_KEY_LENGTH
          || hasControlCharacter(key)
          || loneSurrogate(key) >= 0) {
        throw rejected(
            "custom",
            "keys must be 1-"
                + MAX_CUSTOM_KEY_LENGTH
                + " characters without control characters or lone surrogates, got "
                + FieldValue.quote(key));
      }
      String value = checkedText("custom." + key, entry.getValue());
      if (value != null) {
        values.put(key, value);
      }
    }
    return values;
  }

  private static FieldValue required(BeaconFields fields, Field field) {
    FieldValue value = fields.get(field);
    if (value == null || value.isNull()) {
      throw rejected(field.wireName, "is required");
    }
    return value;
  }

  private static Long longField(
      BeaconFields fields, Field field, long min, long max, boolean isRequired) {
    FieldValue value = isRequired ? required(fields, field) : fields.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isLong() || value.integer() < min || value.integer() > max) {
      throw rejected(
          field.wireName,
          "must be an integer from " + min + " to " + max + ", got " + value.describe());
    }
    return value.integer();
  }

  private static Boolean booleanField(BeaconFields fields, Field field) {
    FieldValue value = fields.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw rejected(field.wireName, "must be true or false, got " + value.describe());
    }
    return value.token() == JsonToken.VALUE_TRUE;
  }

  private static <E extends Enum<E> & WireEnum> E enumField(
      BeaconFields fields, Field field, Class<E> type) {
    FieldValue value = fields.get(field);
    if (value == null || value.isNull() || (value.isText() && value.text().isEmpty())) {
      return null;
    }
    E constant = value.isText() ? WireEnum.fromWire(type, value.text()) : null;
    if (constant == null) {
      throw rejected(
          field.wireName,
          "must be one of " + WireEnum.wireNames(type) + ", got " + value.describe());
    }
    return constant;
  }

  /** A dimension or code: absent, null and "" all mean unknown. */
  private static String text(BeaconFields fields, Field field) {
    return checkedText(field.wireName, fields.get(field));
  }

  private static String checkedText(String field, FieldValue value) {
    return checkedText(field, value, MAX_TEXT_LENGTH);
  }

  private static String checkedText(String field, FieldValue value, int maxLength) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isText()) {
      throw rejected(field, "must be a string, got " + value.describe());
    }
    String text = value.text();
    if (text.length() > maxLength) {
      throw rejected(
          field, "is " + text.length() + " characters long, at most " + maxLength + " are allowed");
    }
    if (hasControlCharacter(text)) {
      throw rejected(field, "contains control characters");
    }
    int lone = loneSurrogate(text);
    if (lone >= 0) {
      // A JSON escape can spell half a character; encoded as UTF-8 it would become '?'.
      throw rejected(
          field,
          String.format(
              "contains a lone UTF-16 surrogate \\u%04x, not text", (int) text.charAt(lone)));
    }
    return text.isEmpty() ? null : text;
  }

  /** C0 controls, DEL and the C1 controls U+0080-U+009F (NEL among them). */
  private static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return true;
      }
    }
    return false;
  }

  /** The index of the first surrogate that is not half of a pair, or -1. */
  private static int loneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static ParseResult invalid(String field, String reason) {
    return new ParseResult.Invalid(new BeaconRejection(field, reason));
  }

  private static Rejected rejected(String field, String reason) {
    return new Rejected(new BeaconRejection(field, reason));
  }

  /** Unwinds the field readers to {@link #parse(JsonNode)}; never escapes this class. */
  private static final class Rejected extends RuntimeException {
    private final transient BeaconRejection rejection;

    Rejected(BeaconRejection rejection) {
      super(rejection.message(), null, false, false);
      this.rejection = rejection;
    }
  }
}
