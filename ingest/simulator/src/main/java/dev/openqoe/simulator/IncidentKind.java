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
  BAD_RENDITION(Set.of("asset_id", "bitrate"));

  private final Set<String> requiredKeys;

  IncidentKind(Set<String> requiredKeys) {
    this.requiredKeys = requiredKeys;
  }

  /** The spelling in an incident spec: cdn-degraded, drm-outage, bad-rendition. */
  public String specName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The keys a spec of this kind must name. */
  public Set<String> requiredKeys() {
    return requiredKeys;
  }

  /** Whether the spec may name {@code key}: any session dimension, and bitrate for renditions. */
  public boolean allows(String key) {
    return SessionPlan.DIMENSIONS.contains(key) || (this == BAD_RENDITION && key.equals("bitrate"));
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
