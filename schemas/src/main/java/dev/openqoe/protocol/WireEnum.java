package dev.openqoe.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** An enum whose JSON/Avro spelling is its constant name in lower case. */
public interface WireEnum {
  String name();

  int ordinal();

  default String wireName() {
    return Lookup.WIRE_NAMES.get(((Enum<?>) this).getDeclaringClass())[ordinal()];
  }

  /** The constant spelled {@code wire}, or null when there is none. */
  static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, String wire) {
    return type.cast(Lookup.BY_WIRE_NAME.get(type).get(wire));
  }

  static <E extends Enum<E> & WireEnum> String wireNames(Class<E> type) {
    return String.join(", ", Lookup.BY_WIRE_NAME.get(type).keySet());
  }

  /** Wire names per enum class, built once: lookups happen for every field of every beacon. */
  final class Lookup {
    private static final ClassValue<String[]> WIRE_NAMES =
        new ClassValue<>() {
          @Override
          protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] names = new String[constants.length];
            for (int i = 0; i < constants.length; i++) {
              names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
            }
            return names;
          }
        };

    private static final ClassValue<Map<String, Object>> BY_WIRE_NAME =
        new ClassValue<>() {
          @Override
          protected Map<String, Object> computeValue(Class<?> type) {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Object constant : type.getEnumConstants()) {
              byName.put(((WireEnum) constant).wireName(), constant);
            }
            return Collections.unmodifiableMap(byName);
          }
        };

    private Lookup() {}
  }
}
