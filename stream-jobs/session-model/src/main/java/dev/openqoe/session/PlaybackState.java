package dev.openqoe.session;

/** Where a session's player is between two beacons; time between beacons is charged to it. */
public enum PlaybackState {
  IDLE,
  STARTING,
  PLAYING,
  PAUSED,
  SEEKING,
  REBUFFERING,
  AD
}
