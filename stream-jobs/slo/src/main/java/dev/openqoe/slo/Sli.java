package dev.openqoe.slo;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The service level indicators an SLO can be set on, each a ratio of good events to events of the
 * session metrics of stream-jobs/session-model/README.md. The bad share of each is the metric
 * itself (VSF %, EBVS %, RBR, VPF %, the share of slow startups), so an SLO on it reads as "that
 * metric stays under 1 - objective".
 */
public enum Sli {
  /** Good: attempts that did not fail to start (VSF, technical); business failures are good. */
  START_SUCCESS("VSF", "attempts", "attempts without a video start failure (VSF)"),
  /** Good: attempts that did not exit before the video started. */
  EBVS("EBVS", "attempts", "attempts without an exit before video start (EBVS)"),
  /** Good: started sessions whose video startup time is under the threshold. */
  STARTUP_TIME(
      "startups of %s or more",
      "started sessions with a known startup time",
      "started sessions whose startup time (VST) is under %s"),
  /** Good: watch time spent playing rather than rebuffering (time-based). */
  REBUFFER("RBR", "watch time", "watch time spent playing, not rebuffering (1 - RBR)"),
  /** Good: started sessions that did not end in a playback failure (VPF, technical). */
  PLAYBACK_SUCCESS(
      "VPF", "started sessions", "started sessions without a video playback failure (VPF)");

  private final String badEvents;
  private final String events;
  private final String goodEvents;

  Sli(String badEvents, String events, String goodEvents) {
    this.badEvents = badEvents;
    this.events = events;
    this.goodEvents = goodEvents;
  }

  /** The spelling in SLO files, alert labels and the alert log: start_success, rebuffer ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The SLI of that spelling, if there is one. */
  public static Optional<Sli> of(String id) {
    return Arrays.stream(values()).filter(sli -> sli.id().equals(id)).findFirst();
  }

  /** Every SLI's spelling, for error messages. */
  public static String valid() {
    return Arrays.stream(values()).map(Sli::id).collect(Collectors.joining(", "));
  }

  /** Only startup_time is set relative to a duration (its threshold). */
  public boolean needsThreshold() {
    return this == STARTUP_TIME;
  }

  /** What the events are: "attempts", "watch time" ... */
  public String events() {
    return events;
  }

  /** The name of the bad share: "VSF", "RBR", "startups of 2 s or more" ... */
  public String badEvents(Optional<Duration> threshold) {
    return withThreshold(badEvents, threshold);
  }

  /** What counts as good, in a sentence's words. */
  public String goodEvents(Optional<Duration> threshold) {
    return withThreshold(goodEvents, threshold);
  }

  private String withThreshold(String text, Optional<Duration> threshold) {
    return needsThreshold() ? String.format(text, threshold.map(Sli::spoken).orElse("?")) : text;
  }

  /** 2 s, 1500 ms: how a threshold is said in an alert. */
  static String spoken(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
