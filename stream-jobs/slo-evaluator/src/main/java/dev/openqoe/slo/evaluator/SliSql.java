package dev.openqoe.slo.evaluator;

import dev.openqoe.pinot.drill.DrillDimension;
import dev.openqoe.slo.Sli;
import dev.openqoe.slo.SloDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one Pinot SQL query of an SLO's evaluation: good and total events per minute of {@code
 * ended_at} and slice, over the SLO's sessions (property, {@code where}, the SLI's population) of
 * the longest window. Each SLI with the definitions of stream-jobs/session-model/README.md; plain
 * Pinot SQL that runs on 0.11 and 1.x (unknown numbers are -1 in Pinot, aliases never equal a
 * column name).
 */
final class SliSql {

  static final String TABLE = "qoe_sessions";
  static final String MINUTE = "minute_start";
  static final String GOOD = "good_events";
  static final String TOTAL = "total_events";

  /** Rows fetched at most: minutes x slices; more fails the SLO's evaluation rather than cut it. */
  static final int LIMIT = 1_000_000;

  private static final String MINUTE_OF_END =
      "DATETIMECONVERT(ended_at, '1:MILLISECONDS:EPOCH', '1:MILLISECONDS:EPOCH', '1:MINUTES')";

  private SliSql() {}

  static String query(SloDefinition slo, long from, long to) {
    List<String> groups = new ArrayList<>();
    groups.add(MINUTE_OF_END);
    groups.addAll(slo.by());
    List<String> columns = new ArrayList<>();
    columns.add(MINUTE_OF_END + " AS " + MINUTE);
    columns.addAll(slo.by());
    columns.add(good(slo) + " AS " + GOOD);
    columns.add(total(slo.sli()) + " AS " + TOTAL);
    return "SELECT "
        + String.join(", ", columns)
        + " FROM "
        + TABLE
        + " WHERE "
        + String.join(" AND ", conditions(slo, from, to))
        + " GROUP BY "
        + String.join(", ", groups)
        + " LIMIT "
        + LIMIT;
  }

  private static List<String> conditions(SloDefinition slo, long from, long to) {
    List<String> conditions = new ArrayList<>();
    conditions.add("property_id = " + DrillDimension.literal("property_id", slo.property()));
    conditions.add("ended_at >= " + from);
    conditions.add("ended_at < " + to);
    population(slo.sli()).ifPresent(conditions::add);
    conditions.addAll(DrillDimension.inConditions(slo.where()));
    return conditions;
  }

  /** The sessions whose events the SLI counts. */
  private static Optional<String> population(Sli sli) {
    return Optional.ofNullable(
        switch (sli) {
          case START_SUCCESS, EBVS -> "attempt = true";
          case STARTUP_TIME -> "startup_outcome = 'started' AND vst_ms >= 0";
          case PLAYBACK_SUCCESS -> "startup_outcome = 'started'";
          case REBUFFER -> null;
        });
  }

  private static String good(SloDefinition slo) {
    return switch (slo.sli()) {
      case START_SUCCESS -> "SUM(CASE WHEN startup_outcome = 'vsf' THEN 0 ELSE 1 END)";
      case EBVS -> "SUM(CASE WHEN startup_outcome = 'ebvs' THEN 0 ELSE 1 END)";
      case STARTUP_TIME ->
          "SUM(CASE WHEN vst_ms < "
              + slo.threshold().orElseThrow().toMillis()
              + " THEN 1 ELSE 0 END)";
      case PLAYBACK_SUCCESS -> "SUM(CASE WHEN vpf = true THEN 0 ELSE 1 END)";
      case REBUFFER -> "SUM(play_ms)";
    };
  }

  private static String total(Sli sli) {
    return sli == Sli.REBUFFER ? "SUM(play_ms + rebuffer_ms)" : "COUNT(*)";
  }
}
