package dev.openqoe.protocol;

import java.util.Map;

/**
 * The descriptive attributes of a session. Any beacon may carry any of them; a session keeps the
 * latest non-null value of each (the {@code custom} map is replaced whole, not merged key by key,
 * so a player can drop a key it no longer wants to report).
 */
public record SessionDimensions(
    String viewerId,
    String assetId,
    StreamType streamType,
    String playerName,
    String playerVersion,
    String deviceType,
    String os,
    String appVersion,
    String cdn,
    String drmSystem,
    Map<String, String> custom) {

  public static final SessionDimensions NONE =
      new SessionDimensions(null, null, null, null, null, null, null, null, null, null, null);

  public SessionDimensions {
    custom = custom == null ? null : Map.copyOf(custom);
  }

  /** These dimensions updated by the non-null values of {@code newer}. */
  public SessionDimensions overlay(SessionDimensions newer) {
    if (newer == NONE || newer.equals(NONE)) {
      return this;
    }
    return new SessionDimensions(
        latest(viewerId, newer.viewerId),
        latest(assetId, newer.assetId),
        latest(streamType, newer.streamType),
        latest(playerName, newer.playerName),
        latest(playerVersion, newer.playerVersion),
        latest(deviceType, newer.deviceType),
        latest(os, newer.os),
        latest(appVersion, newer.appVersion),
        latest(cdn, newer.cdn),
        latest(drmSystem, newer.drmSystem),
        latest(custom, newer.custom));
  }

  private static <T> T latest(T current, T newer) {
    return newer != null ? newer : current;
  }
}
