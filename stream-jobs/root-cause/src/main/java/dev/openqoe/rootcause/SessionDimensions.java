package dev.openqoe.rootcause;

/**
 * The dimensions a session is sliced by that its delivery record carries beside asset, CDN and DRM
 * system, so that a slice's failed or stalled sessions can be counted by stage without a join.
 *
 * @param asn null when unknown
 */
public record SessionDimensions(
    String country,
    String region,
    Long asn,
    String deviceType,
    String os,
    String playerName,
    String playerVersion,
    String streamType) {

  public static final SessionDimensions UNKNOWN =
      new SessionDimensions(null, null, null, null, null, null, null, null);
}
