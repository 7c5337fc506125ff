package dev.openqoe.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of a JSON event's fields, each failing with a reason a user can act on; every JSON
 * form of the delivery chain reads its fields through this.
 */
final class JsonFields {

  private final JsonNode node;

  JsonFields(JsonNode node) {
    this.node = node;
  }

  JsonFields object(String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isObject()) {
      throw new BadInput("'" + name + "' must be an object");
    }
    return new JsonFields(value);
  }

  /** An object field, or null when absent or null. */
  JsonFields optionalObject(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : object(name);
  }

  /** An array of objects, empty when absent or null. */
  List<JsonFields> objects(String name) {
    List<JsonFields> objects = new ArrayList<>();
    for (JsonNode element : array(name)) {
      if (!element.isObject()) {
        throw new BadInput("'" + name + "' must hold objects, got " + element.getNodeType());
      }
      objects.add(new JsonFields(element));
    }
    return objects;
  }

  /** An array of strings, empty when absent or null. */
  List<String> texts(String name) {
    List<String> texts = new ArrayList<>();
    for (JsonNode element : array(name)) {
      if (!element.isTextual()) {
        throw new BadInput("'" + name + "' must hold strings, got " + element.getNodeType());
      }
      texts.add(element.asText());
    }
    return texts;
  }

  boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  private JsonNode array(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!value.isArray()) {
      throw new BadInput("'" + name + "' must be an array, got " + value.getNodeType());
    }
    return value;
  }

  /** A string field, or null when absent, null or empty; numbers are taken as their text. */
  String text(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() && !value.isNumber()) {
      throw new BadInput("'" + name + "' must be a string, got " + value.getNodeType());
    }
    String text = value.asText();
    return text.isEmpty() ? null : text;
  }

  String requiredText(String name) {
    String text = text(name);
    if (text == null) {
      throw new BadInput("'" + name + "' is required");
    }
    return text;
  }

  Long number(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
      throw new BadInput("'" + name + "' must be a whole number >= 0, got " + value);
    }
    return value.asLong();
  }

  /**
   * A time given as epoch milliseconds or as an ISO-8601 instant ({@code 2026-12-05T10:00:00Z}).
   */
  long time(String name) {
    JsonNode value = node.get(name);
    if (value != null && value.isIntegralNumber() && value.asLong() >= 0) {
      return value.asLong();
    }
    if (value != null && value.isTextual()) {
      try {
        return Instant.parse(value.asText()).toEpochMilli();
      } catch (DateTimeParseException e) {
        // refused below
      }
    }
    throw new BadInput(
        "'" + name + "' must be epoch milliseconds or an ISO-8601 instant, got " + value);
  }

  /** One of {@code allowed}, compared in lower case; null when absent. */
  String oneOf(String name, Set<String> allowed) {
    String text = text(name);
    if (text == null) {
      return null;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!allowed.contains(lower)) {
      throw new BadInput(
          "'" + name + "' must be one of " + new TreeSet<>(allowed) + ", got '" + text + "'");
    }
    return lower;
  }
}
