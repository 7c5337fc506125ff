package dev.openqoe.warehouse.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The one line of a Flink failure worth showing an analyst. Flink wraps the parser's or validator's
 * verdict ("Object 'x' not found", "Encountered ...") in layers of generic messages and puts the
 * position of the mistake in the middle: the most specific message in the cause chain, with
 * Calcite's "From line 1, column 8 to ..." kept, is the useful part.
 */
final class SqlErrorMessage {

  private static final List<String> GENERIC_PREFIXES =
      List.of(
          "SQL validation failed.",
          "SQL parse failed.",
          "Failed to execute sql",
          "org.apache.flink",
          "java.");

  private SqlErrorMessage() {}

  static String of(Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure; t != null && messages.size() < 20; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        messages.add(firstLine(t.getMessage()));
      }
    }
    if (messages.isEmpty()) {
      return failure.getClass().getSimpleName();
    }
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).startsWith("From line ")) {
        return messages.get(i);
      }
    }
    for (int i = messages.size() - 1; i >= 0; i--) {
      String message = messages.get(i);
      if (GENERIC_PREFIXES.stream().noneMatch(message::startsWith)) {
        return message;
      }
    }
    return messages.get(messages.size() - 1);
  }

  private static String firstLine(String message) {
    String line = message.strip();
    int end = line.indexOf('\n');
    return end < 0 ? line : line.substring(0, end).strip();
  }
}
