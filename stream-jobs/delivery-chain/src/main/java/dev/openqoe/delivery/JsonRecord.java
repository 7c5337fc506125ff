package dev.openqoe.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits one raw record of a JSON feed into its elements: one object, a JSON array of objects, or
 * one object per line (NDJSON), as producers batch them (the collector stores each request body as
 * one record). Each element is read on its own, so a broken element becomes one refusal and never
 * hides the valid ones around it.
 */
final class JsonRecord {

  /** Longer elements are refused: the dead-letter topic keeps at most 64 KiB of a record. */
  static final int MAX_ELEMENT_LENGTH = 65_536;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonFactory FACTORY = new ObjectMapper().getFactory();

  /** Reads one element (a JSON object) into what became of it: one event, several, or why not. */
  interface ElementReader {
    List<OpsInput> read(JsonFields fields, String raw);
  }

  private JsonRecord() {}

  /**
   * @param what the element as a user names it ("a DRM license event"), for refusals
   */
  static List<OpsInput> read(String record, String what, ElementReader reader) {
    String text = record.strip();
    if (text.isEmpty()) {
      return List.of(new OpsInput.Invalid(record, "an empty record"));
    }
    List<Element> elements;
    if (text.startsWith("[")) {
      elements = arrayElements(text);
    } else {
      try {
        elements = rootValues(text);
      } catch (IOException e) {
        elements = lines(record, notJson(e));
      }
    }
    if (elements.size() == 1 && elements.get(0).raw().equals(text)) {
      // A record of one element keeps its raw text as received, whitespace included.
      elements = List.of(elements.get(0).withRaw(record));
    }
    List<OpsInput> read = new ArrayList<>();
    for (Element element : elements) {
      read.addAll(element.read(what, reader));
    }
    return read;
  }

  /** The elements of a JSON array; a broken one ends the array with a refusal of the rest. */
  private static List<Element> arrayElements(String text) {
    List<Element> elements = new ArrayList<>();
    int resume = 1; // after the last element read, where a refusal of the rest begins
    try (JsonParser parser = FACTORY.createParser(text)) {
      parser.nextToken(); // [
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        JsonNode node = parser.readValueAsTree();
        resume = (int) parser.currentLocation().getCharOffset();
        elements.add(new Element(node, text.substring(start, resume), null));
      }
      resume = (int) parser.currentLocation().getCharOffset();
      if (parser.nextToken() != null) {
        elements.add(
            new Element(
                null,
                text.substring(resume).strip(),
                "text after the closing ']' of the array: a record is one array, one object, or"
                    + " one object per line"));
      }
    } catch (IOException e) {
      String rest = text.substring(resume).replaceFirst("^[\\s,]+", "");
      elements.add(new Element(null, rest.isEmpty() ? text : rest, notJson(e)));
    }
    if (elements.isEmpty()) {
      elements.add(new Element(null, text, "an empty JSON array: nothing to read"));
    }
    return elements;
  }

  /** Every root value of the record: one object, pretty-printed or not, or one per line. */
  private static List<Element> rootValues(String text) throws IOException {
    List<Element> elements = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      while (parser.nextToken() != null) {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        JsonNode node = parser.readValueAsTree();
        int end = (int) parser.currentLocation().getCharOffset();
        elements.add(new Element(node, text.substring(start, end), null));
      }
    }
    return elements;
  }

  /**
   * NDJSON with a broken line: each line on its own. When no line at all is JSON the record was one
   * broken value (a truncated pretty-printed object, not JSON at all): one refusal with {@code
   * problem}, not one per line.
   */
  private static List<Element> lines(String record, String problem) {
    List<Element> elements = new ArrayList<>();
    boolean anyJson = false;
    for (String line : record.split("\r?\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        elements.add(new Element(JSON.readTree(line), line, null));
        anyJson = true;
      } catch (JsonProcessingException e) {
        elements.add(new Element(null, line, notJson(e)));
      }
    }
    return anyJson ? elements : List.of(new Element(null, record, problem));
  }

  private static String notJson(IOException e) {
    return "not JSON: "
        + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage());
  }

  /** One element: its JSON, or why it is none; its text for the dead-letter topic. */
  private record Element(JsonNode node, String raw, String problem) {

    Element withRaw(String wholeRecord) {
      return new Element(node, wholeRecord, problem);
    }

    List<OpsInput> read(String what, ElementReader reader) {
      if (problem != null) {
        return List.of(new OpsInput.Invalid(raw, problem));
      }
      if (raw.length() > MAX_ELEMENT_LENGTH) {
        return List.of(
            new OpsInput.Invalid(
                raw,
                what
                    + " of "
                    + raw.length()
                    + " characters; at most "
                    + MAX_ELEMENT_LENGTH
                    + " are read"));
      }
      if (!node.isObject()) {
        return List.of(
            new OpsInput.Invalid(
                raw,
                what
                    + " is a JSON object, got "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT)));
      }
      try {
        return reader.read(new JsonFields(node), raw);
      } catch (BadInput e) {
        return List.of(new OpsInput.Invalid(raw, e.getMessage()));
      }
    }
  }
}
