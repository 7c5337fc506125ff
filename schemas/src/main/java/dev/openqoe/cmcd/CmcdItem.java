package dev.openqoe.cmcd;

import java.util.Map;

/**
 * An inner-list item that carries parameters, such as {@code 800;v} in {@code br=(800;v 64;a)}:
 * CMCD v2 marks the object type of a value this way. Items without parameters stay bare values.
 */
public record CmcdItem(Object value, Map<String, Object> parameters) {
  public CmcdItem {
    parameters = Map.copyOf(parameters);
  }

  /** A parsed value without its parameters: the item's value, or the value itself. */
  public static Object bare(Object value) {
    return value instanceof CmcdItem item ? item.value() : value;
  }
}
