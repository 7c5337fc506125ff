package dev.openqoe.protocol;

/** The beacon types of protocol v1. */
public enum EventType implements WireEnum {
  PLAY_REQUEST,
  FIRST_FRAME,
  PAUSE,
  RESUME,
  SEEK_START,
  SEEK_END,
  REBUFFER_START,
  REBUFFER_END,
  BITRATE_CHANGE,
  AD_BREAK_START,
  AD_BREAK_END,
  HEARTBEAT,
  ERROR,
  END,
  /** A CMCD v2 report; the session model derives the transitions from its state. */
  CMCD
}
