package dev.openqoe.ops;

import dev.openqoe.protocol.WireEnum;

/** The stage of the delivery chain an event comes from. */
public enum OpsSource implements WireEnum {
  CDN,
  TRANSCODE,
  DRM
}
