package dev.openqoe.session;

import dev.openqoe.protocol.WireEnum;

/** How a playback attempt's startup ended. */
public enum StartupOutcome implements WireEnum {
  /** The first frame was shown. */
  STARTED,
  /** Video Start Failure: a fatal technical error before the first frame. */
  VSF,
  /** A fatal business error (entitlement, geo-block...) before the first frame: not a VSF. */
  VSF_BUSINESS,
  /** Exit Before Video Start: the attempt ended with neither a first frame nor a fatal error. */
  EBVS
}
