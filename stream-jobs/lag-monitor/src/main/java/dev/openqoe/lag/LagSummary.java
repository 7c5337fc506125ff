package dev.openqoe.lag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitor's metrics as one status line, for {@code ./qoe up}: the worst Kafka group and the
 * worst Pinot table, and any consumer at risk or with records lost. Read from the text {@code GET
 * /metrics} serves, so the line shows exactly what Prometheus would scrape.
 */
public final class LagSummary {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-z_]+)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

  private LagSummary() {}

  /** One consumer on one topic, as the metrics describe it. */
  private static final class Series {
    double lagSeconds;
    double lagRecords;
    boolean atRisk;
    double deletedUnread;
  }

  /** The line, from the exposition text; says so when it holds no measurement yet. */
  public static String of(String metrics) {
    Map<WatchedTopic, Series> series = new LinkedHashMap<>();
    Matcher sample = SAMPLE.matcher(metrics);
    while (sample.find()) {
      String name = sample.group(1);
      if (!name.startsWith("qoe_lag_")) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      Matcher label = LABEL.matcher(sample.group(2));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      WatchedTopic watched = watched(labels);
      if (watched == null) {
        continue;
      }
      double value = Double.parseDouble(sample.group(3));
      Series one = series.computeIfAbsent(watched, key -> new Series());
      switch (name) {
        case LagMetrics.LAG_SECONDS -> one.lagSeconds = value;
        case LagMetrics.LAG_RECORDS -> one.lagRecords = value;
        case LagMetrics.AT_RISK -> one.atRisk = value > 0;
        case LagMetrics.DELETED_UNREAD -> one.deletedUnread = value;
        default -> {}
      }
    }
    if (series.isEmpty()) {
      return "lag: no consumer measured yet";
    }
    List<String> parts = new ArrayList<>();
    worst(series, ConsumerKind.KAFKA_GROUP, "Kafka groups").ifPresent(parts::add);
    worst(series, ConsumerKind.PINOT_TABLE, "Pinot").ifPresent(parts::add);
    List<String> atRisk = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    series.forEach(
        (watched, one) -> {
          if (one.deletedUnread > 0) {
            lost.add(
                String.format(
                    Locale.ROOT,
                    "%s on %s (%,.0f records)",
                    watched.consumer(),
                    watched.topic(),
                    one.deletedUnread));
          }
          if (one.atRisk) {
            atRisk.add(watched.consumer() + " on " + watched.topic());
          }
        });
    if (!lost.isEmpty()) {
      parts.add("LOST UNREAD: " + String.join(", ", lost));
    }
    if (!atRisk.isEmpty()) {
      parts.add("AT RISK of retention: " + String.join(", ", atRisk));
    }
    if (lost.isEmpty() && atRisk.isEmpty()) {
      parts.add("retention ok");
    }
    return "lag: " + String.join("; ", parts);
  }

  private static Optional<String> worst(
      Map<WatchedTopic, Series> series, ConsumerKind kind, String title) {
    return series.entrySet().stream()
        .filter(entry -> entry.getKey().kind() == kind)
        .max(
            (a, b) ->
                a.getValue().lagSeconds != b.getValue().lagSeconds
                    ? Double.compare(a.getValue().lagSeconds, b.getValue().lagSeconds)
                    : Double.compare(a.getValue().lagRecords, b.getValue().lagRecords))
        .map(
            entry ->
                String.format(
                    Locale.ROOT,
                    "%s %.1f s (worst: %s%s, %,.0f records unread)",
                    title,
                    entry.getValue().lagSeconds,
                    entry.getKey().consumer(),
                    kind == ConsumerKind.KAFKA_GROUP ? " on " + entry.getKey().topic() : "",
                    entry.getValue().lagRecords));
  }

  private static WatchedTopic watched(Map<String, String> labels) {
    String consumer = labels.get("consumer");
    String kind = labels.get("kind");
    String topic = labels.get("topic");
    if (consumer == null || kind == null || topic == null) {
      return null;
    }
    for (ConsumerKind known : ConsumerKind.values()) {
      if (known.label().equals(kind)) {
        return new WatchedTopic(known, consumer, topic);
      }
    }
    return null;
  }
}
