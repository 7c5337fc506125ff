package dev.openqoe.drillbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shipped Pinot query rewritten for a warehouse engine: the same tables, filters, groups and
 * aggregates, in the engine's dialect. Only the constructs the shipped queries use are known; any
 * other Pinot function fails here rather than reaching an engine half-translated. Where Pinot and
 * the warehouse store an unknown differently (Pinot: the text {@code 'null'} and -1, the warehouse:
 * NULL), the rewrite keeps the question's meaning: {@code IN (..., 'null')} also takes NULL, and
 * {@code >= 0} / {@code > 0} already leave NULL out as they leave -1 out. The columns Pinot derives
 * at ingestion (the drill's 0/1 flags and bitrate weights) become their definitions.
 */
public final class WarehouseQuestion {

  private static final Pattern DATETIMECONVERT =
      Pattern.compile(
          "DATETIMECONVERT\\(\\s*\"?(\\w+)\"?\\s*,\\s*'1:MILLISECONDS:EPOCH'\\s*,"
              + "\\s*'1:MILLISECONDS:EPOCH'\\s*,\\s*'1:MINUTES'\\s*\\)");
  private static final Pattern PERCENTILE =
      Pattern.compile("PERCENTILE\\(\\s*(\\w+)\\s*,\\s*(\\d+)\\s*\\)");
  private static final Pattern DISTINCTCOUNT = Pattern.compile("DISTINCTCOUNT\\(\\s*(\\w+)\\s*\\)");
  private static final Pattern TIME_BOUND =
      Pattern.compile(
          "\"?(ended_at|started_at|closed_at|interval_start)\"?\\s*(>=|<=|<|>)\\s*(\\d+)");
  private static final Pattern IN_LIST = Pattern.compile("(\\w+) IN \\(([^)]*)\\)");

  /**
   * Pinot's ingestion-derived qoe_sessions columns (its transformConfigs) as the warehouse computes
   * them from the session's own columns.
   */
  private static final Map<String, String> DERIVED =
      Map.of(
          "bitrate_known = true", "avg_bitrate_kbps > 0",
          "vsf_flag", "CASE WHEN startup_outcome = 'vsf' THEN 1 ELSE 0 END",
          "ebvs_flag", "CASE WHEN startup_outcome = 'ebvs' THEN 1 ELSE 0 END",
          "vpf_flag", "CASE WHEN vpf = true THEN 1 ELSE 0 END",
          "bitrate_kbps_play_ms",
              "CASE WHEN avg_bitrate_kbps > 0 THEN avg_bitrate_kbps * play_ms ELSE 0 END");

  private static final Pattern DERIVED_COLUMN =
      Pattern.compile(
          "bitrate_known = true|\\b(vsf_flag|ebvs_flag|vpf_flag|bitrate_kbps_play_ms)\\b");
  private static final Pattern TABLE = Pattern.compile("\"?(qoe_sessions|qoe_intervals)\"?");
  private static final Pattern QUOTED = Pattern.compile("\"(\\w+)\"");
  private static final Pattern PINOT_ONLY =
      Pattern.compile("\\b(DATETIMECONVERT|PERCENTILE\\w+|DISTINCTCOUNT\\w*|DATETRUNC)\\s*\\(");

  private WarehouseQuestion() {}

  public static String translate(String pinotSql, WarehouseDialect dialect) {
    String sql = pinotSql;
    sql = replace(sql, DERIVED_COLUMN, m -> DERIVED.get(m.group()));
    sql = replace(sql, DATETIMECONVERT, m -> dialect.minute(m.group(1)));
    sql =
        replace(sql, PERCENTILE, m -> dialect.percentile(m.group(1), Integer.parseInt(m.group(2))));
    sql = replace(sql, DISTINCTCOUNT, m -> "COUNT(DISTINCT " + m.group(1) + ")");
    sql =
        replace(
            sql,
            TIME_BOUND,
            m ->
                m.group(1)
                    + " "
                    + m.group(2)
                    + " "
                    + dialect.timestamp(Long.parseLong(m.group(3))));
    sql = replace(sql, IN_LIST, WarehouseQuestion::inWithNull);
    sql = replace(sql, TABLE, m -> dialect.table(m.group(1)));
    sql = replace(sql, QUOTED, m -> dialect.identifier(m.group(1)));
    Matcher left = PINOT_ONLY.matcher(stripLiterals(sql));
    if (left.find()) {
      throw new IllegalArgumentException(
          "no warehouse form for Pinot's " + left.group(1) + " in: " + pinotSql);
    }
    return sql;
  }

  /** {@code col IN (..., 'null')}: Pinot's text for an unknown value is NULL in the warehouse. */
  private static String inWithNull(Matcher in) {
    List<String> values = new ArrayList<>();
    boolean unknown = false;
    for (String value : in.group(2).split(",")) {
      if (value.strip().equals("'null'")) {
        unknown = true;
      } else {
        values.add(value.strip());
      }
    }
    String column = in.group(1);
    if (!unknown) {
      return in.group();
    }
    if (values.isEmpty()) {
      return column + " IS NULL";
    }
    return "(" + column + " IN (" + String.join(", ", values) + ") OR " + column + " IS NULL)";
  }

  private static String replace(String sql, Pattern pattern, Function<Matcher, String> with) {
    Matcher matcher = pattern.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(with.apply(matcher)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String stripLiterals(String sql) {
    return sql.replaceAll("'[^']*'", "''");
  }
}
