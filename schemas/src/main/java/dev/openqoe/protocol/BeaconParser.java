package dev.openqoe.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

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

  /** 9999-12-31T23:59:59.999Z: anything later is not an epoch-millisecond timestamp. */
  public static final long MAX_TS = 253_402_300_799_999L;

  /** 2^53 - 1: larger integers lose precision in the JavaScript players that send beacons. */
  public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

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
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return invalid(null, "not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || node.isMissingNode()) {
      return invalid(null, "empty document: expected a JSON object");
    }
    return parse(node);
  }

  /** Validates one already-parsed beacon. */
  public ParseResult parse(JsonNode node) {
    if (!node.isObject()) {
      return invalid(null, "expected a JSON object, got " + describe(node));
    }
    try {
      return new ParseResult.Valid(read(node));
    } catch (Rejected rejected) {
      return new ParseResult.Invalid(rejected.rejection);
    }
  }

  private BeaconEvent read(JsonNode node) {
    JsonNode version = required(node, "v");
    if (!version.isIntegralNumber() || version.asLong() != BeaconEvent.PROTOCOL_VERSION) {
      throw rejected("v", "must be 1 (the protocol version), got " + describe(version));
    }
    JsonNode sessionNode = required(node, "session_id");
    if (!sessionNode.isTextual() || !SESSION_ID.matcher(sessionNode.textValue()).matches()) {
      throw rejected(
          "session_id",
          "must be 1-128 characters of [A-Za-z0-9._:-], got " + describe(sessionNode));
    }
    long seq = longField(node, "seq", 0, MAX_SAFE_INTEGER, true);
    JsonNode typeNode = required(node, "type");
    EventType type =
        typeNode.isTextual() ? WireEnum.fromWire(EventType.class, typeNode.textValue()) : null;
    if (type == null) {
      throw rejected(
          "type",
          "must be one of " + WireEnum.wireNames(EventType.class) + ", got " + describe(typeNode));
    }
    long ts = longField(node, "ts", 0, MAX_TS, true);
    if (clock != null && ts > clock.millis() + maxFutureSkewMs) {
      throw rejected(
          "ts",
          "is "
              + Duration.ofMillis(ts - clock.millis()).toSeconds()
              + " s ahead of the server clock (at most "
              + maxFutureSkewMs / 1000
              + " s allowed): check the device clock");
    }
    Long bitrate = longField(node, "bitrate_kbps", 1, Integer.MAX_VALUE, false);
    if (type == EventType.BITRATE_CHANGE && bitrate == null) {
      throw rejected("bitrate_kbps", "is required on bitrate_change");
    }
    Long playhead = longField(node, "playhead_ms", 0, MAX_SAFE_INTEGER, false);
    PlaybackError error = readError(node, type);
    return new BeaconEvent(
        sessionNode.textValue(),
        seq,
        type,
        ts,
        bitrate == null ? null : bitrate.intValue(),
        playhead,
        error,
        readDimensions(node));
  }

  private static PlaybackError readError(JsonNode node, EventType type) {
    String code = text(node, "error_code");
    Boolean fatal = booleanField(node, "error_fatal");
    ErrorCategory category = enumField(node, "error_category", ErrorCategory.class);
    if (type != EventType.ERROR) {
      return null;
    }
    if (code == null) {
      throw rejected("error_code", "is required on error beacons");
    }
    return new PlaybackError(
        code, Boolean.TRUE.equals(fatal), category == null ? ErrorCategory.TECHNICAL : category);
  }

  private static SessionDimensions readDimensions(JsonNode node) {
    return new SessionDimensions(
        text(node, "viewer_id"),
        text(node, "asset_id"),
        enumField(node, "stream_type", StreamType.class),
        text(node, "player_name"),
        text(node, "player_version"),
        text(node, "device_type"),
        text(node, "os"),
        text(node, "app_version"),
        text(node, "cdn"),
        text(node, "drm_system"),
        custom(node));
  }

  private static Map<String, String> custom(JsonNode node) {
    JsonNode custom = node.get("custom");
    if (custom == null || custom.isNull()) {
      return null;
    }
    if (!custom.isObject()) {
      throw rejected("custom", "must be an object of string values, got " + describe(custom));
    }
    if (custom.size() > MAX_CUSTOM_ENTRIES) {
      throw rejected(
          "custom",
          "has " + custom.size() + " entries, at most " + MAX_CUSTOM_ENTRIES + " are allowed");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = custom.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      if (key.isEmpty() || key.length() > MAX_CUSTOM_KEY_LENGTH || hasControlCharacter(key)) {
        throw rejected(
            "custom",
            "keys must be 1-"
                + MAX_CUSTOM_KEY_LENGTH
                + " characters without control characters, got "
                + quote(key));
      }
      String value = checkedText("custom." + key, entry.getValue());
      if (value != null) {
        values.put(key, value);
      }
    }
    return values;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw rejected(field, "is required");
    }
    return value;
  }

  private static Long longField(
      JsonNode node, String field, long min, long max, boolean isRequired) {
    JsonNode value = isRequired ? required(node, field) : node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.asLong() < min
        || value.asLong() > max) {
      throw rejected(
          field, "must be an integer from " + min + " to " + max + ", got " + describe(value));
    }
    return value.asLong();
  }

  private static Boolean booleanField(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw rejected(field, "must be true or false, got " + describe(value));
    }
    return value.booleanValue();
  }

  private static <E extends Enum<E> & WireEnum> E enumField(
      JsonNode node, String field, Class<E> type) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
      return null;
    }
    E constant = value.isTextual() ? WireEnum.fromWire(type, value.textValue()) : null;
    if (constant == null) {
      throw rejected(
          field, "must be one of " + WireEnum.wireNames(type) + ", got " + describe(value));
    }
    return constant;
  }

  /** A dimension or code: absent, null and "" all mean unknown. */
  private static String text(JsonNode node, String field) {
    return checkedText(field, node.get(field));
  }

  private static String checkedText(String field, JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw rejected(field, "must be a string, got " + describe(value));
    }
    String text = value.textValue();
    if (text.length() > MAX_TEXT_LENGTH) {
      throw rejected(
          field,
          "is " + text.length() + " characters long, at most " + MAX_TEXT_LENGTH + " are allowed");
    }
    if (hasControlCharacter(text)) {
      throw rejected(field, "contains control characters");
    }
    return text.isEmpty() ? null : text;
  }

  private static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /** A short rendering of a JSON value for error messages, cut so a huge value stays readable. */
  static String describe(JsonNode value) {
    String kind =
        switch (value.getNodeType()) {
          case STRING -> "string";
          case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
          case BOOLEAN -> "boolean";
          case ARRAY -> "array";
          case OBJECT -> "object";
          case NULL -> "null";
          default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    if (value.isContainerNode()) {
      return kind;
    }
    return kind + " " + (value.isTextual() ? quote(value.textValue()) : value.asText());
  }

  private static String quote(String text) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : shown.toCharArray()) {
      quoted.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return quoted.append('"').toString();
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
