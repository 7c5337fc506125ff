package dev.openqoe.warehouse.sql;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL statement with {@code ${name}} or {@code ${name:default}} placeholders, filled from
 * {@code --param name=value}. Values are pasted in as SQL text, so a string parameter is written
 * inside quotes in the query: {@code WHERE cdn = '${cdn}'}.
 */
public final class SqlTemplate {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  private final String text;

  public SqlTemplate(String text) {
    this.text = text;
  }

  /**
   * The statement to run: placeholders replaced, and the trailing semicolon a file usually ends
   * with removed (Flink's parser takes one statement without it).
   *
   * @throws IllegalArgumentException when a placeholder without a default has no value, or a value
   *     is given for a name the statement does not use
   */
  public String render(Map<String, String> params) {
    TreeSet<String> unused = new TreeSet<>(params.keySet());
    TreeSet<String> missing = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder sql = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      unused.remove(name);
      String value = params.containsKey(name) ? params.get(name) : matcher.group(2);
      if (value == null) {
        missing.add(name);
        value = "";
      }
      matcher.appendReplacement(sql, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(sql);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "the query needs "
              + String.join(
                  ", ", missing.stream().map(name -> "--param " + name + "=...").toList()));
    }
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException("the query has no parameter " + String.join(", ", unused));
    }
    return withoutTrailingSemicolon(sql.toString().strip());
  }

  private static String withoutTrailingSemicolon(String sql) {
    String statement = sql;
    while (statement.endsWith(";")) {
      statement = statement.substring(0, statement.length() - 1).stripTrailing();
    }
    return statement;
  }
}
