package dev.openqoe.warehouse.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How {@code qoe sql} writes a result. */
public enum OutputFormat {
  /** Aligned columns for people, with the row count and the time taken. */
  TABLE {
    @Override
    void write(QueryResult result, PrintWriter out) {
      List<List<String>> cells = new ArrayList<>();
      for (List<Object> row : result.rows()) {
        cells.add(row.stream().map(value -> value == null ? NULL : CellText.of(value)).toList());
      }
      int[] widths = new int[result.columns().size()];
      boolean[] numeric = new boolean[widths.length];
      for (int i = 0; i < widths.length; i++) {
        widths[i] = result.columns().get(i).length();
        boolean onlyNumbers = true;
        boolean anyNumber = false;
        for (int r = 0; r < cells.size(); r++) {
          widths[i] = Math.max(widths[i], cells.get(r).get(i).length());
          Object value = result.rows().get(r).get(i);
          onlyNumbers &= value == null || value instanceof Number;
          anyNumber |= value instanceof Number;
        }
        numeric[i] = onlyNumbers && anyNumber;
      }
      String rule = rule(widths);
      out.println(rule);
      out.println(line(result.columns(), widths, new boolean[widths.length]));
      out.println(rule);
      cells.forEach(row -> out.println(line(row, widths, numeric)));
      out.println(rule);
      int count = result.rows().size();
      out.printf(
          "%d row%s in %.2f s%n", count, count == 1 ? "" : "s", result.elapsed().toMillis() / 1e3);
    }
  },

  /** RFC 4180 CSV with a header line; NULL is an empty field. */
  CSV {
    @Override
    void write(QueryResult result, PrintWriter out) {
      out.print(String.join(",", result.columns().stream().map(OutputFormat::csvField).toList()));
      out.print("\r\n");
      for (List<Object> row : result.rows()) {
        List<String> fields =
            row.stream().map(value -> value == null ? "" : csvField(CellText.of(value))).toList();
        out.print(String.join(",", fields));
        out.print("\r\n");
      }
    }
  },

  /**
   * One JSON object per row (JSON Lines); numbers, booleans, arrays and maps stay JSON numbers,
   * booleans, arrays and objects; timestamps are text as in the table.
   */
  JSON {
    @Override
    void write(QueryResult result, PrintWriter out) {
      ObjectMapper mapper = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      try {
        for (List<Object> row : result.rows()) {
          var object = mapper.createObjectNode();
          for (int i = 0; i < row.size(); i++) {
            Object value = row.get(i);
            String column = result.columns().get(i);
            if (value == null) {
              object.putNull(column);
            } else if (value instanceof Number
                || value instanceof Boolean
                || value instanceof Object[]
                || value instanceof Map) {
              object.set(column, mapper.valueToTree(value));
            } else {
              object.put(column, CellText.of(value));
            }
          }
          mapper.writeValue(out, object);
          out.println();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** How NULL shows in a table: not an empty cell, not the string "null". */
  static final String NULL = "<null>";

  abstract void write(QueryResult result, PrintWriter out);

  private static String rule(int[] widths) {
    StringBuilder rule = new StringBuilder("+");
    for (int width : widths) {
      rule.append("-".repeat(width + 2)).append('+');
    }
    return rule.toString();
  }

  /** A row of cells; numbers are right-aligned so their digits line up. */
  private static String line(List<String> cells, int[] widths, boolean[] rightAligned) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < widths.length; i++) {
      String padding = " ".repeat(widths[i] - cells.get(i).length());
      line.append(' ');
      if (rightAligned[i]) {
        line.append(padding).append(cells.get(i));
      } else {
        line.append(cells.get(i)).append(padding);
      }
      line.append(" |");
    }
    return line.toString();
  }

  private static String csvField(String text) {
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
