package dev.openqoe.session;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.PlaybackError;
import dev.openqoe.protocol.SessionDimensions;
import java.time.Duration;
import java.util.List;

/**
 * The QoE state machine of one playback session (stream-jobs/session-model/README.md). Beacons are
 * offered in {@code seq} order; each is applied or refused with a {@link BeaconVerdict}, never an
 * exception, so callers route refused beacons (to a dead-letter table, a log line) instead of
 * losing them. Memory stays constant however many beacons a session has.
 */
public final class SessionAccumulator {

  public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofSeconds(120);

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  private final String sessionId;
  private final long inactivityTimeoutMs;
  private final IntervalRecorder intervals;
  private boolean finished;

  private PlaybackState state = PlaybackState.IDLE;
  private PlaybackState stateBeforeSeek;
  private PlaybackState stateBeforeAd;
  private SessionDimensions dimensions = SessionDimensions.NONE;

  private boolean hasBeacons;
  private long lastSeq;
  private long startedAt;
  private long lastTs;
  private EndedBy endedBy;

  private long playMs;
  private long rebufferMs;
  private long adMs;
  private int rebufferCount;
  private int seekCount;
  private int errorCount;
  private int bitrateSwitches;

  private Integer bitrateKbps;
  private long knownBitratePlayMs;
  private double bitrateKbpsMs;

  private boolean attempt;
  private boolean firstFrame;
  private Long playRequestTs;
  private long adMsAtPlayRequest;
  private Long vstMs;
  private ErrorCategory fatalErrorCategory;

  /**
   * @param inactivityTimeout a gap between consecutive beacons longer than this closes the session
   *     at the earlier beacon; zero or negative means sessions only close on end, fatal error or
   *     {@link #close()}
   */
  public SessionAccumulator(String sessionId, Duration inactivityTimeout) {
    this(sessionId, inactivityTimeout, null);
  }

  /**
   * A session that also records what happened in each fixed interval of client time ({@link
   * #drainIntervals()}).
   *
   * @param interval the interval length, or null to record no intervals
   */
  public SessionAccumulator(String sessionId, Duration inactivityTimeout, Duration interval) {
    this.sessionId = sessionId;
    this.inactivityTimeoutMs = inactivityTimeout.toMillis();
    this.intervals = interval == null ? null : new IntervalRecorder(sessionId, interval.toMillis());
  }

  public String sessionId() {
    return sessionId;
  }

  /** The state in force since the last applied beacon. */
  public PlaybackState state() {
    return state;
  }

  public boolean isClosed() {
    return endedBy != null;
  }

  /** The ts of the newest applied beacon; meaningless before the first one. */
  public long lastTs() {
    return lastTs;
  }

  public BeaconVerdict offer(BeaconEvent beacon) {
    if (!beacon.sessionId().equals(sessionId)) {
      throw new IllegalArgumentException(
          "beacon of session " + beacon.sessionId() + " offered to session " + sessionId);
    }
    if (hasBeacons) {
      if (beacon.seq() == lastSeq) {
        return BeaconVerdict.DUPLICATE;
      }
      if (endedBy != null) {
        return endedBy == EndedBy.TIMEOUT ? BeaconVerdict.AFTER_TIMEOUT : BeaconVerdict.AFTER_END;
      }
      if (beacon.seq() < lastSeq) {
        return BeaconVerdict.OUT_OF_ORDER;
      }
      if (inactivityTimeoutMs > 0 && beacon.ts() - lastTs > inactivityTimeoutMs) {
        endedBy = EndedBy.TIMEOUT;
        return BeaconVerdict.AFTER_TIMEOUT;
      }
      charge(Math.max(0, beacon.ts() - lastTs), beacon.ts());
    } else {
      hasBeacons = true;
      startedAt = beacon.ts();
      if (intervals != null) {
        intervals.start(beacon.ts());
      }
    }
    lastSeq = beacon.seq();
    lastTs = beacon.ts();
    dimensions = dimensions.overlay(beacon.dimensions());
    transition(beacon);
    return BeaconVerdict.APPLIED;
  }

  private void charge(long ms, long untilTs) {
    if (intervals != null) {
      intervals.charge(state, ms, untilTs, bitrateKbps, dimensions);
    }
    switch (state) {
      case PLAYING -> {
        playMs += ms;
        if (bitrateKbps != null) {
          knownBitratePlayMs += ms;
          bitrateKbpsMs += (double) ms * bitrateKbps;
        }
      }
      case REBUFFERING -> rebufferMs += ms;
      case AD -> adMs += ms;
      default -> {}
    }
  }

  private void transition(BeaconEvent beacon) {
    switch (beacon.type()) {
      case PLAY_REQUEST -> {
        attempt = true;
        if (state == PlaybackState.IDLE) {
          state = PlaybackState.STARTING;
          playRequestTs = beacon.ts();
          adMsAtPlayRequest = adMs;
        }
      }
      case FIRST_FRAME -> {
        attempt = true;
        if (state == PlaybackState.IDLE || state == PlaybackState.STARTING) {
          startPlaying(beacon);
        }
      }
      case PAUSE -> {
        if (state == PlaybackState.PLAYING || state == PlaybackState.REBUFFERING) {
          state = PlaybackState.PAUSED;
        }
      }
      case RESUME -> {
        if (state == PlaybackState.PAUSED) {
          state = PlaybackState.PLAYING;
        }
      }
      case SEEK_START -> {
        if (state == PlaybackState.PLAYING
            || state == PlaybackState.PAUSED
            || state == PlaybackState.REBUFFERING) {
          stateBeforeSeek =
              state == PlaybackState.PAUSED ? PlaybackState.PAUSED : PlaybackState.PLAYING;
          state = PlaybackState.SEEKING;
          seekCount++;
        }
      }
      case SEEK_END -> {
        if (state == PlaybackState.SEEKING) {
          state = stateBeforeSeek;
        }
      }
      case REBUFFER_START -> {
        if (state == PlaybackState.PLAYING) {
          state = PlaybackState.REBUFFERING;
          rebufferCount++;
          if (intervals != null) {
            intervals.rebufferStarted();
          }
        }
      }
      case REBUFFER_END -> {
        if (state == PlaybackState.REBUFFERING) {
          state = PlaybackState.PLAYING;
        }
      }
      case AD_BREAK_START -> {
        if (state == PlaybackState.STARTING
            || state == PlaybackState.PLAYING
            || state == PlaybackState.PAUSED) {
          stateBeforeAd = state;
          state = PlaybackState.AD;
        }
      }
      case AD_BREAK_END -> {
        if (state == PlaybackState.AD) {
          state = stateBeforeAd;
        }
      }
      case BITRATE_CHANGE -> changeBitrate(beacon.bitrateKbps());
      case HEARTBEAT -> {}
      case ERROR -> {
        errorCount++;
        PlaybackError error = beacon.error();
        if (error != null && error.fatal()) {
          fatalErrorCategory = error.category();
          endedBy = EndedBy.ERROR;
        }
      }
      case END -> endedBy = EndedBy.END;
    }
  }

  private void startPlaying(BeaconEvent firstFrameBeacon) {
    state = PlaybackState.PLAYING;
    firstFrame = true;
    if (firstFrameBeacon.bitrateKbps() != null) {
      bitrateKbps = firstFrameBeacon.bitrateKbps();
    }
    if (playRequestTs != null) {
      long adDuringStartup = adMs - adMsAtPlayRequest;
      vstMs = Math.max(0, firstFrameBeacon.ts() - playRequestTs - adDuringStartup);
    }
    if (intervals != null) {
      intervals.startupDecided(StartupOutcome.STARTED, vstMs);
    }
  }

  private void changeBitrate(Integer kbps) {
    if (kbps == null) {
      return;
    }
    if (firstFrame && bitrateKbps != null && !bitrateKbps.equals(kbps)) {
      bitrateSwitches++;
    }
    bitrateKbps = kbps;
  }

  /**
   * Closes the session (as a timeout, unless an end or fatal error already closed it) and returns
   * its facts. Beacons offered afterwards are refused; closing again returns the same facts.
   */
  public SessionFacts close() {
    if (!hasBeacons) {
      throw new IllegalStateException("session " + sessionId + " has no beacons to close");
    }
    if (endedBy == null) {
      endedBy = EndedBy.TIMEOUT;
    }
    boolean fatal = endedBy == EndedBy.ERROR;
    boolean technicalFatal = fatal && fatalErrorCategory == ErrorCategory.TECHNICAL;
    StartupOutcome outcome = startupOutcome(fatal, technicalFatal);
    boolean vpf = firstFrame && technicalFatal;
    boolean vpfBusiness = firstFrame && fatal && !technicalFatal;
    if (intervals != null && !finished) {
      finished = true;
      if (outcome != null && outcome != StartupOutcome.STARTED) {
        intervals.startupDecided(outcome, null);
      }
      if (vpf || vpfBusiness) {
        intervals.playbackFailed(vpf ? "vpf" : "vpf_business");
      }
      intervals.finish(dimensions);
    }
    return new SessionFacts(
        sessionId,
        startedAt,
        lastTs,
        endedBy,
        attempt,
        outcome,
        vstMs,
        playMs,
        rebufferMs,
        rebufferCount,
        adMs,
        seekCount,
        errorCount,
        bitrateSwitches,
        knownBitratePlayMs == 0 ? null : bitrateKbpsMs / knownBitratePlayMs,
        vpf,
        vpfBusiness,
        dimensions);
  }

  /**
   * The intervals whose time became final since the last call: those a later beacon moved past, and
   * after {@link #close()} the session's last one. Empty when no interval length was given.
   */
  public List<SessionInterval> drainIntervals() {
    return intervals == null ? List.of() : intervals.drainCompleted();
  }

  private StartupOutcome startupOutcome(boolean fatal, boolean technicalFatal) {
    if (!attempt) {
      return null;
    }
    if (firstFrame) {
      return StartupOutcome.STARTED;
    }
    if (fatal) {
      return technicalFatal ? StartupOutcome.VSF : StartupOutcome.VSF_BUSINESS;
    }
    return StartupOutcome.EBVS;
  }
}
