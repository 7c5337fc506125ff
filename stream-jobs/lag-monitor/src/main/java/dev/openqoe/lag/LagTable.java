package dev.openqoe.lag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code --once}'s table for people: one row per consumer and topic. */
public final class LagTable {

  private static final String[] HEADER = {
    "consumer", "kind", "topic", "lag s", "lag records", "retention", "headroom", "state"
  };

  private LagTable() {}

  public static String render(List<TopicLag> lags, RetentionRule rule) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (TopicLag lag : lags) {
      rows.add(
          new String[] {
            lag.watched().consumer(),
            lag.watched().kind().label(),
            lag.watched().topic(),
            String.format(Locale.ROOT, "%.1f", lag.lagSeconds()),
            String.format(Locale.ROOT, "%,d", lag.lagRecords()),
            RetentionRule.duration(lag.retentionSeconds()),
            lag.keepsForever()
                ? "forever"
                : RetentionRule.duration(Math.max(0, lag.headroomSeconds())),
            state(lag, rule)
          });
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        // text left, figures right
        boolean figure = i >= 3 && i <= 6;
        String cell =
            figure
                ? " ".repeat(widths[i] - row[i].length()) + row[i]
                : row[i] + " ".repeat(widths[i] - row[i].length());
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String state(TopicLag lag, RetentionRule rule) {
    if (lag.deletedUnread() > 0) {
      return String.format(Locale.ROOT, "LOST %,d unread", lag.deletedUnread());
    }
    return rule.atRisk(lag) ? "AT RISK" : "ok";
  }
}
