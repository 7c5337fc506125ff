package dev.openqoe.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * One field's value as read from a beacon's JSON, before validation: its JSON kind, and its text or
 * integer when it has one. Containers are skipped while reading; only their kind is kept.
 */
record FieldValue(JsonToken token, String text, long integer, boolean fitsLong) {

  static final FieldValue NULL = new FieldValue(JsonToken.VALUE_NULL, null, 0, false);
  static final FieldValue TRUE = new FieldValue(JsonToken.VALUE_TRUE, null, 0, false);
  static final FieldValue FALSE = new FieldValue(JsonToken.VALUE_FALSE, null, 0, false);
  private static final FieldValue ARRAY = new FieldValue(JsonToken.START_ARRAY, null, 0, false);
  static final FieldValue OBJECT = new FieldValue(JsonToken.START_OBJECT, null, 0, false);

  /** Reads the value at the parser's current token, leaving the parser on its last token. */
  static FieldValue read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    return switch (token) {
      case VALUE_STRING -> new FieldValue(token, parser.getText(), 0, false);
      case VALUE_NUMBER_INT -> {
        JsonParser.NumberType type = parser.getNumberType();
        yield type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
            ? new FieldValue(token, null, parser.getLongValue(), true)
            : new FieldValue(token, parser.getText(), 0, false);
      }
      case VALUE_NUMBER_FLOAT -> new FieldValue(token, parser.getText(), 0, false);
      case VALUE_TRUE -> TRUE;
      case VALUE_FALSE -> FALSE;
      case START_ARRAY -> {
        parser.skipChildren();
        yield ARRAY;
      }
      case START_OBJECT -> {
        parser.skipChildren();
        yield OBJECT;
      }
      default -> NULL;
    };
  }

  boolean isNull() {
    return token == JsonToken.VALUE_NULL;
  }

  boolean isText() {
    return token == JsonToken.VALUE_STRING;
  }

  boolean isBoolean() {
    return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
  }

  /** An integer that fits a Java long. */
  boolean isLong() {
    return fitsLong;
  }

  /** A short rendering for error messages, cut so a huge value stays readable. */
  String describe() {
    return switch (token) {
      case VALUE_STRING -> "string " + quote(text);
      case VALUE_NUMBER_INT -> "integer " + (fitsLong ? Long.toString(integer) : text);
      case VALUE_NUMBER_FLOAT -> "number " + text;
      case VALUE_TRUE -> "boolean true";
      case VALUE_FALSE -> "boolean false";
      case START_ARRAY -> "array";
      case START_OBJECT -> "object";
      default -> "null";
    };
  }

  static String quote(String text) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : shown.toCharArray()) {
      boolean unprintable = c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c);
      quoted.append(unprintable ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return quoted.append('"').toString();
  }
}
