package dev.openqoe.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one beacon object as read from JSON, before the protocol's rules are applied. Read
 * in one pass without a JSON tree (this is on every beacon's path); unknown fields are skipped. A
 * field given twice makes the JSON malformed, as with Jackson's strict duplicate detection: which
 * of the two values would count is unclear.
 */
final class BeaconFields {

  /** The protocol's fields; {@code custom} holds the custom dimensions. */
  enum Field {
    V("v"),
    SESSION_ID("session_id"),
    SEQ("seq"),
    TYPE("type"),
    TS("ts"),
    BITRATE_KBPS("bitrate_kbps"),
    PLAYHEAD_MS("playhead_ms"),
    ERROR_CODE("error_code"),
    ERROR_FATAL("error_fatal"),
    ERROR_CATEGORY("error_category"),
    VIEWER_ID("viewer_id"),
    ASSET_ID("asset_id"),
    STREAM_TYPE("stream_type"),
    PLAYER_NAME("player_name"),
    PLAYER_VERSION("player_version"),
    DEVICE_TYPE("device_type"),
    OS("os"),
    APP_VERSION("app_version"),
    CDN("cdn"),
    DRM_SYSTEM("drm_system"),
    CUSTOM("custom"),
    CMCD_MODE("cmcd_mode"),
    CMCD_SN("cmcd_sn"),
    CMCD_STA("cmcd_sta"),
    CMCD_E("cmcd_e"),
    CMCD_REPORT("cmcd_report");

    private static final Map<String, Field> BY_NAME = new HashMap<>();
    private static final Field[][] BY_LENGTH;

    static {
      int longest = 0;
      for (Field field : values()) {
        BY_NAME.put(field.wireName, field);
        longest = Math.max(longest, field.wireName.length());
      }
      BY_LENGTH = new Field[longest + 1][];
      for (int length = 0; length <= longest; length++) {
        int named = length;
        BY_LENGTH[length] =
            Arrays.stream(values())
                .filter(field -> field.wireName.length() == named)
                .toArray(Field[]::new);
      }
    }

    final String wireName;
    private final byte[] spelling;

    Field(String wireName) {
      this.wireName = wireName;
      this.spelling = wireName.getBytes(StandardCharsets.US_ASCII);
    }

    /** The field whose name is these ASCII bytes, or null: matched without making a string. */
    static Field named(byte[] bytes, int start, int length) {
      if (length >= BY_LENGTH.length) {
        return null;
      }
      for (Field field : BY_LENGTH[length]) {
        if (field.isSpelled(bytes, start)) {
          return field;
        }
      }
      return null;
    }

    private boolean isSpelled(byte[] bytes, int start) {
      // A plain loop: names are short, and Arrays.equals's range checks cost more than the compare.
      for (int i = 0; i < spelling.length; i++) {
        if (bytes[start + i] != spelling[i]) {
          return false;
        }
      }
      return true;
    }
  }

  private final FieldValue[] values = new FieldValue[Field.values().length];
  private Map<String, FieldValue> custom;

  /**
   * Names of the first unknown fields, kept only to find one named twice: a set, as a list's search
   * made a body of thousands of names cost their square.
   */
  private Set<String> unknown;

  /** Every unknown field, including those past the limit, which are not kept. */
  private int unknownCount;

  BeaconFields() {}

  /**
   * Reads the object starting at the parser's current token ({@code START_OBJECT}) up to its end.
   *
   * @throws JsonParseException when the JSON is malformed or names a field twice
   */
  static BeaconFields read(JsonParser parser) throws IOException {
    BeaconFields fields = new BeaconFields();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken token = parser.nextToken();
      Field field = Field.BY_NAME.get(name);
      if (field == null) {
        if (!fields.addUnknown(name)) {
          throw duplicate(parser, name);
        }
        parser.skipChildren();
        continue;
      }
      if (fields.has(field)) {
        throw duplicate(parser, name);
      }
      if (field == Field.CUSTOM && token == JsonToken.START_OBJECT) {
        fields.putCustom(readCustom(parser));
      } else {
        fields.put(field, FieldValue.read(parser));
      }
    }
    return fields;
  }

  /**
   * Notes a field the protocol does not know; false when it was named before. Past {@link
   * BeaconParser#MAX_UNKNOWN_FIELDS} names are only counted: the event is rejected for them anyway.
   */
  boolean addUnknown(String name) {
    if (++unknownCount > BeaconParser.MAX_UNKNOWN_FIELDS) {
      return true;
    }
    if (unknown == null) {
      unknown = new HashSet<>();
    }
    return unknown.add(name);
  }

  /** How many fields the protocol does not know the object has. */
  int unknownCount() {
    return unknownCount;
  }

  boolean has(Field field) {
    return values[field.ordinal()] != null;
  }

  void put(Field field, FieldValue value) {
    values[field.ordinal()] = value;
  }

  /** {@code custom} given as an object, with its entries in the order given. */
  void putCustom(Map<String, FieldValue> entries) {
    custom = entries;
    values[Field.CUSTOM.ordinal()] = FieldValue.OBJECT;
  }

  /** The field's value, or null when it is absent. */
  FieldValue get(Field field) {
    return values[field.ordinal()];
  }

  /** The custom object's entries in the order given, when {@code custom} is an object. */
  Map<String, FieldValue> custom() {
    return custom;
  }

  private static Map<String, FieldValue> readCustom(JsonParser parser) throws IOException {
    Map<String, FieldValue> entries = new LinkedHashMap<>();
    for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
      parser.nextToken();
      if (entries.put(key, FieldValue.read(parser)) != null) {
        throw duplicate(parser, key);
      }
    }
    return entries;
  }

  private static JsonParseException duplicate(JsonParser parser, String name) {
    return new JsonParseException(parser, "Duplicate field '" + name + "'");
  }
}
