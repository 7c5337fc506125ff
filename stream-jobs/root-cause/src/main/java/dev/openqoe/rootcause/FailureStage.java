package dev.openqoe.rootcause;

import java.util.Locale;

/** The part of the delivery chain a failed session is attributed to. */
public enum FailureStage {
  PLAYER,
  CDN,
  DRM,
  TRANSCODE,
  /** Nothing linked to the session, and nothing in its own error, points at a stage. */
  UNKNOWN;

  /** The spelling in tables and JSON: player, cdn, drm, transcode, unknown. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
