package dev.openqoe.session;

import dev.openqoe.protocol.BeaconBinary;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.CmcdReportMode;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.PlaybackError;
import dev.openqoe.protocol.SessionDimensions;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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

  /** Changes whenever {@link #writeTo} changes, so state of another release is detected. */
  private static final int SNAPSHOT_VERSION = 3;

  /**
   * Snapshots of version 1 (before CMCD reports) and 2 (before gapless numbering was tracked) are
   * read too: they lack the last fields.
   */
  private static final int OLDEST_READABLE_SNAPSHOT = 1;

  private static final PlaybackState[] STATES = PlaybackState.values();
  private static final EndedBy[] ENDINGS = EndedBy.values();
  private static final ErrorCategory[] CATEGORIES = ErrorCategory.values();

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

  /** Every seq from 0 to {@link #lastSeq} was applied: a lower one can only be a repeat. */
  private boolean gapless;

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

  /** An event-mode CMCD report was applied: from then on the session's states come from those. */
  private boolean cmcdEventMode;

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
    this(
        sessionId,
        inactivityTimeout.toMillis(),
        interval == null ? null : new IntervalRecorder(sessionId, interval.toMillis()));
  }

  private SessionAccumulator(
      String sessionId, long inactivityTimeoutMs, IntervalRecorder intervals) {
    this.sessionId = sessionId;
    this.inactivityTimeoutMs = inactivityTimeoutMs;
    this.intervals = intervals;
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

  /**
   * Whether a lower {@code seq} than this one may still be on its way: the beacon comes after a gap
   * in the numbering (the first beacon is seq 0). SDKs number a session's beacons 0, 1, 2..., so a
   * streaming sessionizer waits for stragglers only after a gap; a beacon that follows the applied
   * ones, or repeats one of them, can be offered at once. CMCD reports, numbered by time, always
   * come after a gap.
   */
  public boolean afterGap(long seq) {
    return hasBeacons ? seq > lastSeq + 1 : seq > 0;
  }

  /**
   * The highest seq up to which every beacon from seq 0 on was applied, or -1 when the numbering
   * has a gap (or nothing was applied): a beacon with a seq up to it is a repeat, whenever it
   * comes.
   */
  public long appliedThrough() {
    return hasBeacons && gapless ? lastSeq : -1;
  }

  public BeaconVerdict offer(BeaconEvent beacon) {
    if (!beacon.sessionId().equals(sessionId)) {
      throw new IllegalArgumentException(
          "beacon of session " + beacon.sessionId() + " offered to session " + sessionId);
    }
    boolean first = !hasBeacons;
    boolean follows = first ? beacon.seq() == 0 : beacon.seq() == lastSeq + 1;
    if (hasBeacons) {
      if (beacon.seq() == lastSeq || beacon.seq() <= appliedThrough()) {
        return BeaconVerdict.DUPLICATE;
      }
      if (endedBy != null) {
        return endedBy == EndedBy.TIMEOUT
            ? BeaconVerdict.AFTER_TIMEOUT
            : BeaconVerdict.afterEnd(beacon);
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
    gapless = follows && (first || gapless);
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
    if (beacon.type() == EventType.CMCD) {
      if (beacon.cmcd().mode() == CmcdReportMode.EVENT) {
        cmcdEventMode = true;
      } else if (cmcdEventMode) {
        // Event mode reports each change as it happens; request-mode data is a snapshot taken at a
        // media request and timed by its arrival, so beside event mode it only marks time.
        return;
      }
      // CMCD reports the bitrate on any report, with or without a state change.
      changeBitrate(beacon.bitrateKbps());
      for (EventType type : CmcdPlayback.transitions(state, beacon.cmcd())) {
        transition(type, beacon);
      }
      return;
    }
    transition(beacon.type(), beacon);
  }

  private void transition(EventType type, BeaconEvent beacon) {
    switch (type) {
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
      case CMCD -> throw new IllegalArgumentException("a CMCD report is not a transition");
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

  /**
   * Writes everything this session knows, compactly (a few hundred bytes), for operator state.
   * Intervals must have been drained first.
   */
  public void writeTo(DataOutput out) throws IOException {
    out.writeByte(SNAPSHOT_VERSION);
    out.writeUTF(sessionId);
    out.writeLong(inactivityTimeoutMs);
    out.writeBoolean(intervals != null);
    if (intervals != null) {
      intervals.writeTo(out);
    }
    out.writeBoolean(finished);
    out.writeByte(state.ordinal());
    writeOrdinal(stateBeforeSeek, out);
    writeOrdinal(stateBeforeAd, out);
    BeaconBinary.writeDimensions(dimensions, out);
    out.writeBoolean(hasBeacons);
    out.writeLong(lastSeq);
    out.writeLong(startedAt);
    out.writeLong(lastTs);
    writeOrdinal(endedBy, out);
    out.writeLong(playMs);
    out.writeLong(rebufferMs);
    out.writeLong(adMs);
    out.writeInt(rebufferCount);
    out.writeInt(seekCount);
    out.writeInt(errorCount);
    out.writeInt(bitrateSwitches);
    out.writeInt(bitrateKbps == null ? -1 : bitrateKbps);
    out.writeLong(knownBitratePlayMs);
    out.writeDouble(bitrateKbpsMs);
    out.writeBoolean(attempt);
    out.writeBoolean(firstFrame);
    writeNullableLong(playRequestTs, out);
    out.writeLong(adMsAtPlayRequest);
    writeNullableLong(vstMs, out);
    writeOrdinal(fatalErrorCategory, out);
    out.writeBoolean(cmcdEventMode);
    out.writeBoolean(gapless);
  }

  /** The inverse of {@link #writeTo}. */
  public static SessionAccumulator readFrom(DataInput in) throws IOException {
    int version = in.readByte();
    if (version < OLDEST_READABLE_SNAPSHOT || version > SNAPSHOT_VERSION) {
      throw new IOException(
          "session state written in format "
              + version
              + ", this release reads "
              + OLDEST_READABLE_SNAPSHOT
              + " to "
              + SNAPSHOT_VERSION);
    }
    String sessionId = in.readUTF();
    long inactivityTimeoutMs = in.readLong();
    IntervalRecorder intervals = in.readBoolean() ? IntervalRecorder.readFrom(sessionId, in) : null;
    SessionAccumulator s = new SessionAccumulator(sessionId, inactivityTimeoutMs, intervals);
    s.finished = in.readBoolean();
    s.state = STATES[in.readByte()];
    s.stateBeforeSeek = readOrdinal(STATES, in);
    s.stateBeforeAd = readOrdinal(STATES, in);
    s.dimensions = BeaconBinary.readDimensions(in);
    s.hasBeacons = in.readBoolean();
    s.lastSeq = in.readLong();
    s.startedAt = in.readLong();
    s.lastTs = in.readLong();
    s.endedBy = readOrdinal(ENDINGS, in);
    s.playMs = in.readLong();
    s.rebufferMs = in.readLong();
    s.adMs = in.readLong();
    s.rebufferCount = in.readInt();
    s.seekCount = in.readInt();
    s.errorCount = in.readInt();
    s.bitrateSwitches = in.readInt();
    int bitrate = in.readInt();
    s.bitrateKbps = bitrate < 0 ? null : bitrate;
    s.knownBitratePlayMs = in.readLong();
    s.bitrateKbpsMs = in.readDouble();
    s.attempt = in.readBoolean();
    s.firstFrame = in.readBoolean();
    s.playRequestTs = readNullableLong(in);
    s.adMsAtPlayRequest = in.readLong();
    s.vstMs = readNullableLong(in);
    s.fatalErrorCategory = readOrdinal(CATEGORIES, in);
    s.cmcdEventMode = version >= 2 && in.readBoolean();
    s.gapless = version >= 3 && in.readBoolean();
    return s;
  }

  static void writeOrdinal(Enum<?> value, DataOutput out) throws IOException {
    out.writeByte(value == null ? -1 : value.ordinal());
  }

  static <E extends Enum<E>> E readOrdinal(E[] values, DataInput in) throws IOException {
    int ordinal = in.readByte();
    return ordinal < 0 ? null : values[ordinal];
  }

  static void writeNullableLong(Long value, DataOutput out) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeLong(value);
    }
  }

  static Long readNullableLong(DataInput in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }
}
