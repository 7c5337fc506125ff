package dev.openqoe.lag;

import java.util.Locale;
import org.slf4j.event.Level;

/**
 * When a consumer's lag puts what it has not read yet at risk: its oldest unread record is older
 * than {@code share} of the topic's retention. Kafka deletes a log segment once its newest record
 * is older than the retention, so once the lag reaches the retention the consumer's next records
 * may go at any moment; the share leaves time to act.
 *
 * @param share of the retention, above 0 and at most 1
 */
public record RetentionRule(double share) {

  public RetentionRule {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "the share of the retention must be above 0 % and at most 100 %, got " + percent(share));
    }
  }

  /** {@code "50 %"} or {@code "0.5"} as a share. */
  public static RetentionRule parse(String text) {
    String trimmed = text.trim();
    try {
      return trimmed.endsWith("%")
          ? new RetentionRule(
              Double.parseDouble(trimmed.substring(0, trimmed.length() - 1).trim()) / 100)
          : new RetentionRule(Double.parseDouble(trimmed));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a share of the retention such as 50% or 0.5");
    }
  }

  public boolean atRisk(TopicLag lag) {
    return !lag.keepsForever() && lag.lagSeconds() > share * lag.retentionSeconds();
  }

  /** The WARN for a consumer at risk: who, how far behind, the retention, what to do. */
  public Finding warning(TopicLag lag) {
    WatchedTopic watched = lag.watched();
    return new Finding(
        Level.WARN,
        watched,
        String.format(
            Locale.ROOT,
            "%s is %s behind (%,d records unread), more than %s of the topic's retention of %s:"
                + " Kafka deletes records once they are older than the retention, read or not,"
                + " so %s of headroom is left before unread records are lost. Make %s catch up"
                + " (is it running? see its log), or raise the retention: kafka-configs.sh"
                + " --bootstrap-server <kafka> --alter --entity-type topics --entity-name %s"
                + " --add-config retention.ms=<ms>",
            watched,
            duration(lag.lagSeconds()),
            lag.lagRecords(),
            percent(share),
            duration(lag.retentionSeconds()),
            duration(Math.max(0, lag.headroomSeconds())),
            watched.consumer(),
            watched.topic()));
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  /** Seconds as a person reads them: 42.0 s, 12.5 min, 3.0 h, 7.0 d. */
  static String duration(double seconds) {
    if (Double.isInfinite(seconds)) {
      return "forever";
    }
    if (seconds < 120) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    if (seconds < 7_200) {
      return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
    if (seconds < 172_800) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3_600);
    }
    return String.format(Locale.ROOT, "%.1f d", seconds / 86_400);
  }
}
