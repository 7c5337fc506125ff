package dev.openqoe.simulator;

import dev.openqoe.protocol.WireEnum;

/** Where a session's technical failure lies, as the ground truth's {@code failure_stage}. */
public enum FailureStage implements WireEnum {
  /** The player failed on its own: the delivery chain served it normally. */
  PLAYER,
  /** The CDN answered 404 with no failed transcode job behind it, or 5xx before a fatal stall. */
  CDN,
  /** The license server denied or failed the license. */
  DRM,
  /** A failed transcode job left the rendition the player needed unwritten (404s at the CDN). */
  TRANSCODE,
  /** A fatal stall of a player that sends no CMCD: nothing links its CDN requests to it. */
  UNKNOWN
}
