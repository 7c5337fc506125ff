package dev.openqoe.simulator;

import dev.openqoe.cli.DurationConverter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine;

/** Reads incident specs: {@code kind[:dimension=value,...]@start+duration}. */
final class IncidentSpec {

  static final String SYNTAX =
      "kind[:dimension=value,...]@start+duration, e.g. cdn-degraded:cdn=fastly,country=BR@5m+10m,"
          + " drm-outage:drm_system=widevine@2m+5m,"
          + " bad-rendition:asset_id=movie-1042,bitrate=8000@0s+30m,"
          + " transcode-broken:asset=movie-1042,rendition=4500k@5m+20m,"
          + " player-bug:player_version=1.4.1@5m+20m";

  private static final DurationConverter DURATIONS = new DurationConverter();

  private IncidentSpec() {}

  static Incident parse(String spec) {
    String text = spec.trim();
    int at = text.lastIndexOf('@');
    if (at < 0) {
      throw invalid(spec, "no '@start+duration'");
    }
    String what = text.substring(0, at);
    String when = text.substring(at + 1);
    int colon = what.indexOf(':');
    String kindName = colon < 0 ? what : what.substring(0, colon);
    IncidentKind kind = IncidentKind.fromSpecName(kindName);
    if (kind == null) {
      throw invalid(
          spec,
          "unknown kind '"
              + kindName
              + "' (known: "
              + String.join(", ", IncidentKind.specNames())
              + ")");
    }
    Map<String, String> keys = colon < 0 ? Map.of() : keys(spec, kind, what.substring(colon + 1));
    TreeSet<String> missing = new TreeSet<>(kind.requiredKeys());
    missing.removeAll(keys.keySet());
    if (!missing.isEmpty()) {
      throw invalid(spec, kind.specName() + " needs " + String.join(" and ", missing));
    }
    if (kind.needsScope() && keys.isEmpty()) {
      throw invalid(
          spec,
          kind.specName()
              + " needs at least one dimension, usually player_version (known: "
              + kind.knownKeys()
              + ")");
    }
    Map<String, String> scope = new LinkedHashMap<>(keys);
    Integer bitrate =
        scope.containsKey("bitrate") ? bitrate(spec, "bitrate", scope.remove("bitrate")) : null;
    if (kind == IncidentKind.TRANSCODE_BROKEN) {
      // The job fails for the asset, so every session on it is in the slice.
      scope.put("asset_id", scope.remove("asset"));
      bitrate = bitrate(spec, "rendition", stripK(scope.remove("rendition")));
    }
    int plus = when.indexOf('+');
    if (plus < 0) {
      throw invalid(spec, "no '+duration' after the start '" + when + "'");
    }
    Duration start = duration(spec, "start", when.substring(0, plus));
    Duration duration = duration(spec, "duration", when.substring(plus + 1));
    if (duration.isZero()) {
      throw invalid(spec, "the duration is 0: the incident would never be active");
    }
    return new Incident(kind, scope, bitrate, start, duration);
  }

  /** A duration as the spec syntax writes it: whole seconds, minutes or hours when exact. */
  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    if (duration.toMillis() % 1000 != 0) {
      return duration.toMillis() + "ms";
    }
    if (seconds % 3600 == 0 && seconds > 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0 && seconds > 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  private static Map<String, String> keys(String spec, IncidentKind kind, String text) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String pair : text.split(",", -1)) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw invalid(spec, "'" + pair + "' is not dimension=value");
      }
      String key = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      if (!kind.allows(key)) {
        throw invalid(spec, "unknown dimension '" + key + "' (known: " + kind.knownKeys() + ")");
      }
      if (value.isEmpty()) {
        throw invalid(spec, "dimension '" + key + "' has no value");
      }
      if (keys.put(key, value) != null) {
        throw invalid(spec, "dimension '" + key + "' is given twice");
      }
    }
    return keys;
  }

  /** A rendition is named by its bitrate, 4500k; plain kbps (4500) reads the same. */
  private static String stripK(String rendition) {
    return rendition.endsWith("k") ? rendition.substring(0, rendition.length() - 1) : rendition;
  }

  private static int bitrate(String spec, String key, String value) {
    try {
      int kbps = Integer.parseInt(value);
      if (kbps > 0) {
        return kbps;
      }
    } catch (NumberFormatException e) {
      // reported below, with the syntax
    }
    throw invalid(
        spec,
        key
            + " must be a rendition's kbps, a positive integer"
            + (key.equals("rendition") ? " (4500 or 4500k)" : "")
            + ", got '"
            + value
            + "'");
  }

  private static Duration duration(String spec, String what, String value) {
    try {
      Duration duration = DURATIONS.convert(value);
      if (duration.isNegative()) {
        throw invalid(spec, "the " + what + " is negative");
      }
      return duration;
    } catch (CommandLine.TypeConversionException e) {
      throw invalid(spec, "the " + what + " " + e.getMessage());
    }
  }

  private static IllegalArgumentException invalid(String spec, String problem) {
    return new IllegalArgumentException(
        "incident '" + spec + "': " + problem + ". Syntax: " + SYNTAX);
  }
}
