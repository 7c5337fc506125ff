package dev.openqoe.simulator;

import dev.openqoe.protocol.StreamType;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Refuses configurations that cannot work, before anything is sent, saying what to change. */
final class ConfigCheck {

  /** Leaves room for "-" and a seven-digit session number within the protocol's 128 characters. */
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private ConfigCheck() {}

  static void check(SimulatorConfig c) {
    require(c.sessions() >= 1, "sessions must be at least 1, got " + c.sessions());
    require(
        c.concurrency() >= 0, "concurrency must be 0 (automatic) or more, got " + c.concurrency());
    require(c.rate() > 0, "rate must be above 0 sessions/s, got " + c.rate());
    require(positive(c.window()), "window must be above 0, got " + c.window());
    require(
        c.maxSessionLength().compareTo(SimulatorConfig.SHORTEST_SESSION_LIMIT) >= 0,
        "max session length must be at least "
            + SimulatorConfig.SHORTEST_SESSION_LIMIT.toSeconds()
            + " s (the longest startup and pause fit), got "
            + c.maxSessionLength().toSeconds()
            + " s");
    require(!c.giveUpAfter().isNegative(), "give-up-after must not be negative");
    require(c.ingestKey() != null && !c.ingestKey().isBlank(), "the ingest key is empty");
    require(
        !c.ops() || (c.opsKey() != null && !c.opsKey().isBlank()),
        "the ops key is empty (--ops-key, or --no-ops to send no delivery-chain records)");
    require(
        c.sessionPrefix() == null || PREFIX.matcher(c.sessionPrefix()).matches(),
        "session prefix must be 1-100 characters of [A-Za-z0-9._:-], got '"
            + c.sessionPrefix()
            + "'");
    String scheme = c.collector().getScheme();
    require(
        "http".equals(scheme) || "https".equals(scheme),
        "collector must be an http(s) URL, got '" + c.collector() + "'");
    for (Incident incident : c.incidents()) {
      checkIncident(incident, c.catalog());
    }
  }

  /** An incident whose slice no session can be in is a typo, not an experiment. */
  private static void checkIncident(Incident incident, Catalog catalog) {
    for (Map.Entry<String, String> entry : incident.scope().entrySet()) {
      Set<String> values = valuesOf(entry.getKey(), catalog);
      require(
          values.contains(entry.getValue()),
          "incident '"
              + incident.spec()
              + "': no simulated session has "
              + entry.getKey()
              + " '"
              + entry.getValue()
              + "' (there are: "
              + String.join(", ", values)
              + ")");
    }
    if (incident.kind() == IncidentKind.TRANSCODE_BROKEN) {
      String assetId = incident.scope().get("asset_id");
      catalog.assets().stream()
          .filter(asset -> asset.assetId().equals(assetId))
          .forEach(
              asset ->
                  require(
                      asset.streamType() == StreamType.VOD,
                      "incident '"
                          + incident.spec()
                          + "': "
                          + assetId
                          + " is a live channel, encoded live: it has no transcode job to break"));
    }
    if (incident.bitrateKbps() != null) {
      String assetId = incident.scope().get("asset_id");
      catalog.assets().stream()
          .filter(asset -> asset.assetId().equals(assetId))
          .forEach(
              asset ->
                  require(
                      asset.ladder().contains(incident.bitrateKbps()),
                      "incident '"
                          + incident.spec()
                          + "': "
                          + assetId
                          + " has no "
                          + incident.bitrateKbps()
                          + " kbps rendition (its ladder: "
                          + asset.ladder()
                          + ")"));
    }
  }

  private static Set<String> valuesOf(String dimension, Catalog catalog) {
    Set<String> values = new TreeSet<>();
    for (Asset asset : catalog.assets()) {
      for (DeviceProfile device : catalog.devices()) {
        for (Cdn cdn : catalog.cdns()) {
          for (Network network : catalog.networks()) {
            String value =
                new SessionPlan("s", "v", 0, asset, device, cdn, network, "").dimension(dimension);
            if (value != null) {
              values.add(value);
            }
          }
        }
      }
    }
    return values;
  }

  private static boolean positive(Duration duration) {
    return !duration.isZero() && !duration.isNegative();
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }
}
