package dev.openqoe.cmcd;

import java.util.List;

/** A Structured Field token, such as the {@code v} of {@code st=v}: distinct from a string. */
public record CmcdToken(String value) {

  /**
   * The text of a parsed value that is a token, bare or as the first item of an inner list (with or
   * without parameters); null for anything else.
   */
  public static String textOf(Object value) {
    Object first =
        value instanceof List<?> list && !list.isEmpty() ? CmcdItem.bare(list.get(0)) : value;
    return first instanceof CmcdToken token ? token.value() : null;
  }

  @Override
  public String toString() {
    return value;
  }
}
