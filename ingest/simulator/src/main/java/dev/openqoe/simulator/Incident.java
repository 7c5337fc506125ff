package dev.openqoe.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Something going wrong for one slice of sessions for a while, e.g. {@code
 * cdn-degraded:cdn=fastly,country=BR@5m+10m}. A session belongs to the incident when it starts
 * inside the incident's time span and matches every dimension of its scope.
 *
 * @param scope session dimensions (dwd.sessions names) and the value each must have
 * @param bitrateKbps the broken rendition of a {@link IncidentKind#BAD_RENDITION} or {@link
 *     IncidentKind#TRANSCODE_BROKEN}, else null
 * @param start when it begins, in simulated time since the run began
 */
public record Incident(
    IncidentKind kind,
    Map<String, String> scope,
    Integer bitrateKbps,
    Duration start,
    Duration duration) {

  public Incident {
    Objects.requireNonNull(kind, "kind");
    scope = Collections.unmodifiableMap(new LinkedHashMap<>(scope));
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
  }

  /** Parses a spec; see {@link IncidentSpec#SYNTAX}. */
  public static Incident parse(String spec) {
    return IncidentSpec.parse(spec);
  }

  /** Whether a session that starts at {@code offsetMs} of simulated time starts during it. */
  public boolean activeAt(long offsetMs) {
    return offsetMs >= start.toMillis() && offsetMs < start.plus(duration).toMillis();
  }

  public boolean affects(SessionPlan session) {
    return activeAt(session.startOffsetMs())
        && scope.entrySet().stream()
            .allMatch(e -> e.getValue().equals(session.dimension(e.getKey())));
  }

  /** The rendition of a {@link IncidentKind#TRANSCODE_BROKEN}, as its job names it, else null. */
  public String rendition() {
    return kind == IncidentKind.TRANSCODE_BROKEN ? Asset.renditionName(bitrateKbps) : null;
  }

  /** The incident written as a spec, as it is reported in the ground truth. */
  public String spec() {
    Map<String, String> keys = new LinkedHashMap<>();
    if (kind == IncidentKind.TRANSCODE_BROKEN) {
      keys.put("asset", scope.get("asset_id"));
      keys.put("rendition", rendition());
    } else {
      keys.putAll(scope);
      if (bitrateKbps != null) {
        keys.put("bitrate", bitrateKbps.toString());
      }
    }
    String scopeText =
        keys.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
    return kind.specName()
        + (scopeText.isEmpty() ? "" : ":" + scopeText)
        + "@"
        + IncidentSpec.format(start)
        + "+"
        + IncidentSpec.format(duration);
  }

  @Override
  public String toString() {
    return spec();
  }
}
