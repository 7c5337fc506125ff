package dev.openqoe.cmcd;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses CMCD payloads: Structured Field Dictionaries (RFC 8941 section 4.2.2), the encoding CMCD
 * uses in query parameters, headers and event-mode bodies. Values become {@link Long}, {@link
 * Double}, {@link String}, {@link CmcdToken}, {@link Boolean}, byte arrays, or lists of those
 * (inner lists). Parameters of an inner-list item make it a {@link CmcdItem} (CMCD v2 marks object
 * types that way); parameters of top-level values are read and dropped, CMCD does not use them.
 */
public final class CmcdDictionary {

  private final String input;
  private int pos;

  private CmcdDictionary(String input) {
    this.input = input;
  }

  public static Map<String, Object> parse(String payload) throws CmcdSyntaxException {
    return new CmcdDictionary(payload).dictionary();
  }

  private Map<String, Object> dictionary() throws CmcdSyntaxException {
    Map<String, Object> members = new LinkedHashMap<>();
    skipSpaces();
    while (pos < input.length()) {
      String key = key();
      Object value = Boolean.TRUE;
      if (peek() == '=') {
        pos++;
        value = peek() == '(' ? innerList() : bareItem();
      }
      parameters();
      members.put(key, value);
      skipOptionalWhitespace();
      if (pos >= input.length()) {
        break;
      }
      expect(',');
      skipOptionalWhitespace();
      if (pos >= input.length()) {
        throw error("trailing comma");
      }
    }
    return members;
  }

  private List<Object> innerList() throws CmcdSyntaxException {
    expect('(');
    List<Object> items = new ArrayList<>();
    while (true) {
      skipSpaces();
      if (peek() == ')') {
        pos++;
        return items;
      }
      Object item = bareItem();
      Map<String, Object> parameters = parameters();
      items.add(parameters.isEmpty() ? item : new CmcdItem(item, parameters));
      char next = peek();
      if (next != ' ' && next != ')') {
        throw error("expected a space or ')' in an inner list");
      }
    }
  }

  private Map<String, Object> parameters() throws CmcdSyntaxException {
    Map<String, Object> parameters = Map.of();
    while (peek() == ';') {
      pos++;
      skipSpaces();
      String key = key();
      Object value = Boolean.TRUE;
      if (peek() == '=') {
        pos++;
        value = bareItem();
      }
      if (parameters.isEmpty()) {
        parameters = new LinkedHashMap<>();
      }
      parameters.put(key, value);
    }
    return parameters;
  }

  private String key() throws CmcdSyntaxException {
    int start = pos;
    char first = peek();
    if (!((first >= 'a' && first <= 'z') || first == '*')) {
      throw error("expected a key (lower-case letter or '*')");
    }
    pos++;
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "_-.*".indexOf(c) >= 0) {
        pos++;
      } else {
        break;
      }
    }
    return input.substring(start, pos);
  }

  private Object bareItem() throws CmcdSyntaxException {
    char c = peek();
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    if (c == '"') {
      return string();
    }
    if (c == '?') {
      pos++;
      char value = peek();
      if (value != '0' && value != '1') {
        throw error("expected ?0 or ?1");
      }
      pos++;
      return value == '1';
    }
    if (c == ':') {
      return byteSequence();
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*') {
      return token();
    }
    throw error("expected a value");
  }

  private Object number() throws CmcdSyntaxException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    int digits = 0;
    int dot = -1;
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c >= '0' && c <= '9') {
        digits++;
        pos++;
      } else if (c == '.' && dot < 0) {
        dot = pos++;
      } else {
        break;
      }
    }
    if (digits == 0 || (dot < 0 && digits > 15) || (dot >= 0 && (dot - start > 12))) {
      throw error("expected a number of at most 15 digits");
    }
    String text = input.substring(start, pos);
    if (dot < 0) {
      return Long.parseLong(text);
    }
    if (dot == pos - 1) {
      throw error("a decimal needs digits after the point");
    }
    return Double.parseDouble(text);
  }

  private String string() throws CmcdSyntaxException {
    pos++;
    StringBuilder value = new StringBuilder();
    while (pos < input.length()) {
      char c = input.charAt(pos++);
      if (c == '\\') {
        char escaped = peek();
        if (escaped != '"' && escaped != '\\') {
          throw error("only \\\" and \\\\ may be escaped in a string");
        }
        value.append(escaped);
        pos++;
      } else if (c == '"') {
        return value.toString();
      } else if (c < 0x20 || c > 0x7e) {
        pos--;
        throw error("strings hold printable ASCII only");
      } else {
        value.append(c);
      }
    }
    throw error("unterminated string");
  }

  private CmcdToken token() {
    int start = pos;
    pos++;
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c > 0x20 && c < 0x7f && "\"(),;<=>?@[\\]{}".indexOf(c) < 0) {
        pos++;
      } else {
        break;
      }
    }
    return new CmcdToken(input.substring(start, pos));
  }

  private byte[] byteSequence() throws CmcdSyntaxException {
    int start = ++pos;
    int end = input.indexOf(':', start);
    if (end < 0) {
      throw error("unterminated byte sequence");
    }
    pos = end + 1;
    try {
      return Base64.getDecoder().decode(input.substring(start, end));
    } catch (IllegalArgumentException e) {
      throw error("byte sequence is not base64");
    }
  }

  private char peek() {
    return pos < input.length() ? input.charAt(pos) : '\0';
  }

  private void expect(char expected) throws CmcdSyntaxException {
    if (peek() != expected) {
      throw error("expected '" + expected + "'");
    }
    pos++;
  }

  private void skipSpaces() {
    while (peek() == ' ') {
      pos++;
    }
  }

  private void skipOptionalWhitespace() {
    while (peek() == ' ' || peek() == '\t') {
      pos++;
    }
  }

  private CmcdSyntaxException error(String message) {
    return new CmcdSyntaxException(message, pos);
  }
}
