package dev.openqoe.dashboards;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a panel's PinotQL into the SQL Pinot receives: Grafana first replaces template variables
 * ({@code $name}, {@code ${name}}, {@code ${name:csv}}, {@code ${name:singlequote}}), then the
 * Pinot plugin expands its macros ({@code $__table()}, {@code $__timeFilter(col)}, {@code
 * $__timeGroup(col)}, {@code $__timeAlias()}, {@code $__metricAlias()}), the way plugin version 1.x
 * renders them for epoch-millisecond columns. A macro or variable this class does not know fails
 * the test rather than reaching Pinot half-expanded.
 */
public final class PanelQuery {

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::([a-z]+))?}|\\$([A-Za-z0-9_]+)");
  private static final Pattern MACRO = Pattern.compile("\\$__([A-Za-z]+)(\\(([^)]*)\\))?");

  /** The values of the time range and of each variable (several for a multi-value one). */
  public record Context(long fromMillis, long toMillis, Map<String, List<String>> variables) {}

  private PanelQuery() {}

  public static String render(
      String pinotQl, String table, String timeAlias, String metricAlias, Context context) {
    return expandMacros(
        substituteVariables(pinotQl, context), table, timeAlias, metricAlias, context);
  }

  public static String substituteVariables(String text, Context context) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(3);
      if (name.startsWith("__")) {
        matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
        continue;
      }
      List<String> values = context.variables().get(name);
      if (values == null || values.isEmpty()) {
        throw new IllegalArgumentException("no value for variable $" + name + " in: " + text);
      }
      String format = matcher.group(2) == null ? "csv" : matcher.group(2);
      String replacement =
          switch (format) {
            case "csv" -> String.join(",", values);
            case "singlequote" ->
                values.stream()
                    .map(v -> "'" + v.replace("'", "\\'") + "'")
                    .collect(Collectors.joining(","));
            default -> throw new IllegalArgumentException("unsupported variable format " + format);
          };
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String expandMacros(
      String sql, String table, String timeAlias, String metricAlias, Context context) {
    Matcher matcher = MACRO.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String argument = matcher.group(3) == null ? "" : matcher.group(3).strip();
      String expansion =
          switch (matcher.group(1)) {
            case "table" -> quote(table);
            case "timeAlias" -> quote(required(timeAlias, "timeColumnAlias"));
            case "metricAlias" -> quote(required(metricAlias, "metricColumnAlias"));
            case "timeFilter" ->
                quote(column(argument))
                    + " >= "
                    + context.fromMillis()
                    + " AND "
                    + quote(column(argument))
                    + " < "
                    + context.toMillis();
            case "timeGroup" ->
                "DATETIMECONVERT("
                    + quote(column(argument))
                    + ", '1:MILLISECONDS:EPOCH', '1:MILLISECONDS:EPOCH', '1:MINUTES')";
            default -> throw new IllegalArgumentException("unsupported macro " + matcher.group());
          };
      matcher.appendReplacement(out, Matcher.quoteReplacement(" " + expansion + " "));
    }
    matcher.appendTail(out);
    return out.toString().strip();
  }

  private static String column(String argument) {
    if (argument.isEmpty() || argument.contains(",")) {
      throw new IllegalArgumentException("a time macro takes one column, got (" + argument + ")");
    }
    return argument.replace("\"", "");
  }

  private static String required(String alias, String field) {
    if (alias == null || alias.isEmpty()) {
      throw new IllegalArgumentException("the target uses an alias macro but has no " + field);
    }
    return alias;
  }

  private static String quote(String name) {
    return "\"" + name + "\"";
  }
}
