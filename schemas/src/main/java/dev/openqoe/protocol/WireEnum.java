package dev.openqoe.protocol;

import java.util.Locale;

/** An enum whose JSON/Avro spelling is its constant name in lower case. */
public interface WireEnum {
  String name();

  default String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The constant spelled {@code wire}, or null when there is none. */
  static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, String wire) {
    for (E constant : type.getEnumConstants()) {
      if (constant.wireName().equals(wire)) {
        return constant;
      }
    }
    return null;
  }

  static <E extends Enum<E> & WireEnum> String wireNames(Class<E> type) {
    StringBuilder names = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      if (!names.isEmpty()) {
        names.append(", ");
      }
      names.append(constant.wireName());
    }
    return names.toString();
  }
}
