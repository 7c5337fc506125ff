package dev.openqoe.simulator;

import dev.openqoe.protocol.SessionDimensions;
import java.util.List;

/**
 * Who watches what, where and on what, before anything happens in the session.
 *
 * @param startOffsetMs when the session starts, in simulated time since the run began: incidents
 *     are scheduled on this clock
 * @param clientAddress the IPv4 address the player's requests come from (its network's block)
 */
public record SessionPlan(
    String sessionId,
    String viewerId,
    long startOffsetMs,
    Asset asset,
    DeviceProfile device,
    Cdn cdn,
    Network network,
    String clientAddress) {

  /** The dimensions an incident can be scoped by, as named in dwd.sessions. */
  public static final List<String> DIMENSIONS =
      List.of(
          "cdn",
          "country",
          "asn",
          "asset_id",
          "stream_type",
          "device_type",
          "os",
          "player_name",
          "player_version",
          "app_version",
          "drm_system");

  /** The DRM this session needs, or null for an unprotected asset. */
  public String drmSystem() {
    return asset.drmProtected() ? device.drmSystem() : null;
  }

  /** The value of one of {@link #DIMENSIONS}. */
  public String dimension(String name) {
    return switch (name) {
      case "cdn" -> cdn.name();
      case "country" -> network.country();
      case "asn" -> Long.toString(network.asn());
      case "asset_id" -> asset.assetId();
      case "stream_type" -> asset.streamType().wireName();
      case "device_type" -> device.deviceType();
      case "os" -> device.os();
      case "player_name" -> device.playerName();
      case "player_version" -> device.playerVersion();
      case "app_version" -> device.appVersion();
      case "drm_system" -> drmSystem();
      default -> throw new IllegalArgumentException("unknown dimension " + name);
    };
  }

  /** What the player reports about the session on its play_request. */
  public SessionDimensions beaconDimensions() {
    return new SessionDimensions(
        viewerId,
        asset.assetId(),
        asset.streamType(),
        device.playerName(),
        device.playerVersion(),
        device.deviceType(),
        device.os(),
        device.appVersion(),
        cdn.name(),
        drmSystem(),
        null);
  }
}
