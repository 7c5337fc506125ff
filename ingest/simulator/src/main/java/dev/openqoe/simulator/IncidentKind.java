package dev.openqoe.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What goes wrong during an incident, in the sessions of its slice. */
public enum IncidentKind {
  /** The CDN serves the slice slowly: rebuffers come several times as often and last longer. */
  CDN_DEGRADED(Set.of()),
  /** The licence server fails: protected assets do not start (video start failures). */
  DRM_OUTAGE(Set.of()),
  /** One rendition of one asset is broken: playback fails soon after the player switches to it. */
  BAD_RENDITION(Set.of("asset_id", "bitrate")),
  /**
   * One rendition's transcode job fails: its segments are missing at the origin (404 at every CDN),
   * so players that climb to it drop back a rung or fail playback.
   */
  TRANSCODE_BROKEN(Set.of("asset", "rendition")),
  /**
   * A defect in some players (typically one player_version): they fail before the first frame or
   * soon after it while the delivery chain serves them normally.
   */
  PLAYER_BUG(Set.of());

  private final Set<String> requiredKeys;

  IncidentKind(Set<String> requiredKeys) {
    this.requiredKeys = requiredKeys;
  }

  /**
   * The spelling in an incident spec: cdn-degraded, drm-outage, bad-rendition, transcode-broken,
   * player-bug.
   */
  public String specName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The keys a spec of this kind must name. */
  public Set<String> requiredKeys() {
    return requiredKeys;
  }

  /**
   * Whether a spec of this kind must name at least one dimension: a defect in every player at once
   * would be an outage of the whole service, and what tells a player bug apart is its slice.
   */
  public boolean needsScope() {
    return this == PLAYER_BUG;
  }

  /**
   * Whether the spec may name {@code key}: any session dimension, and bitrate for a bad rendition;
   * a broken transcode names its asset and rendition only (a job fails for every viewer).
   */
  public boolean allows(String key) {
    if (this == TRANSCODE_BROKEN) {
      return requiredKeys.contains(key);
    }
    return SessionPlan.DIMENSIONS.contains(key) || (this == BAD_RENDITION && key.equals("bitrate"));
  }

  /** The keys a spec of this kind may name, as the syntax error lists them. */
  String knownKeys() {
    if (this == TRANSCODE_BROKEN) {
      return "asset, rendition";
    }
    return String.join(", ", SessionPlan.DIMENSIONS) + (this == BAD_RENDITION ? ", bitrate" : "");
  }

  static IncidentKind fromSpecName(String name) {
    for (IncidentKind kind : values()) {
      if (kind.specName().equals(name)) {
        return kind;
      }
    }
    return null;
  }

  static List<String> specNames() {
    return Arrays.stream(values()).map(IncidentKind::specName).toList();
  }
}
