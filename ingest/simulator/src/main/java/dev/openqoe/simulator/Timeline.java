package dev.openqoe.simulator;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.PlaybackError;
import dev.openqoe.session.EndedBy;
import dev.openqoe.session.PlaybackState;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.StartupOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * A player's session as it happens: each step emits the beacon the player sends and books the time
 * the viewer spent since the previous beacon, so the intended facts are known exactly, by
 * construction, without reading the beacons back. Callers only take steps a real player can take in
 * the current state (the player never sends a resume while playing), which is what keeps the
 * bookkeeping this simple.
 */
final class Timeline {

  private final SessionPlan plan;
  private final long heartbeatMs;
  private final long startedAt;
  private final List<BeaconBatch> batches = new ArrayList<>();
  private final List<BeaconEvent> queued = new ArrayList<>();

  private long now;
  private long lastBeaconAt;
  private long nextHeartbeat;
  private long seq;
  private PlaybackState state = PlaybackState.IDLE;
  private PlaybackState stateBeforeAd;

  private long playMs;
  private long rebufferMs;
  private long adMs;
  private int rebufferCount;
  private int seekCount;
  private int errorCount;
  private int bitrateSwitches;
  private Integer bitrateKbps;
  private long knownBitratePlayMs;
  private long bitrateKbpsMs;

  private long playRequestAt;
  private long adMsAtPlayRequest;
  private Long vstMs;
  private boolean firstFrame;
  private EndedBy endedBy;
  private ErrorCategory fatalCategory;

  Timeline(SessionPlan plan, long startTs, long heartbeatMs) {
    this.plan = plan;
    this.heartbeatMs = heartbeatMs;
    this.startedAt = startTs;
    this.now = startTs;
    this.lastBeaconAt = startTs;
    this.nextHeartbeat = startTs + heartbeatMs;
  }

  long now() {
    return now;
  }

  PlaybackState state() {
    return state;
  }

  Integer bitrateKbps() {
    return bitrateKbps;
  }

  boolean isOver() {
    return endedBy != null;
  }

  /** Time passes in the current state; the player sends a heartbeat, and its queue, every 10 s. */
  void pass(long ms) {
    long until = now + ms;
    while (nextHeartbeat <= until) {
      now = nextHeartbeat;
      emit(beacon(EventType.HEARTBEAT));
      send();
      nextHeartbeat += heartbeatMs;
    }
    now = until;
  }

  void playRequest() {
    emit(beacon(EventType.PLAY_REQUEST).withDimensions(plan.beaconDimensions()));
    send();
    playRequestAt = now;
    adMsAtPlayRequest = adMs;
    state = PlaybackState.STARTING;
  }

  void adBreakStart() {
    emit(beacon(EventType.AD_BREAK_START));
    stateBeforeAd = state;
    state = PlaybackState.AD;
  }

  void adBreakEnd() {
    emit(beacon(EventType.AD_BREAK_END));
    state = stateBeforeAd;
  }

  void firstFrame(int kbps) {
    emit(beacon(EventType.FIRST_FRAME).withBitrate(kbps));
    send();
    firstFrame = true;
    vstMs = now - playRequestAt - (adMs - adMsAtPlayRequest);
    bitrateKbps = kbps;
    state = PlaybackState.PLAYING;
  }

  void bitrateChange(int kbps) {
    emit(beacon(EventType.BITRATE_CHANGE).withBitrate(kbps));
    if (bitrateKbps != null && bitrateKbps != kbps) {
      bitrateSwitches++;
    }
    bitrateKbps = kbps;
  }

  void rebufferStart() {
    // While seeking the player reports its buffering too; that is seek buffering, not a stall.
    emit(beacon(EventType.REBUFFER_START));
    if (state == PlaybackState.PLAYING) {
      state = PlaybackState.REBUFFERING;
      rebufferCount++;
    }
  }

  void rebufferEnd() {
    emit(beacon(EventType.REBUFFER_END));
    if (state == PlaybackState.REBUFFERING) {
      state = PlaybackState.PLAYING;
    }
  }

  void seekStart() {
    emit(beacon(EventType.SEEK_START));
    seekCount++;
    state = PlaybackState.SEEKING;
  }

  /** Seeks here start from playing, so they return to playing. */
  void seekEnd() {
    emit(beacon(EventType.SEEK_END));
    state = PlaybackState.PLAYING;
  }

  void pause() {
    emit(beacon(EventType.PAUSE));
    state = PlaybackState.PAUSED;
  }

  void resume() {
    emit(beacon(EventType.RESUME));
    state = PlaybackState.PLAYING;
  }

  void error(String code, boolean fatal, ErrorCategory category) {
    emit(beacon(EventType.ERROR).withError(new PlaybackError(code, fatal, category)));
    errorCount++;
    if (fatal) {
      fatalCategory = category;
      endedBy = EndedBy.ERROR;
    }
    send();
  }

  void end() {
    endedBy = EndedBy.END;
    emit(beacon(EventType.END));
    send();
  }

  /**
   * The app dies: no more beacons, so the time since the last one is never reported, and the
   * session closes when the inactivity timeout passes.
   */
  void vanish() {
    endedBy = EndedBy.TIMEOUT;
    send();
  }

  /** The beacons sent so far, in order. */
  List<BeaconEvent> beacons() {
    return batches.stream().flatMap(b -> b.beacons().stream()).toList();
  }

  /**
   * The session's beacons as sent and the facts they should produce; the session must be over.
   *
   * @param delivery what the delivery chain saw of it
   */
  SimulatedSession finish(List<Incident> incidents, SessionDelivery delivery) {
    if (endedBy == null) {
      throw new IllegalStateException("session " + plan.sessionId() + " has not ended");
    }
    boolean fatal = endedBy == EndedBy.ERROR;
    boolean technical = fatalCategory == ErrorCategory.TECHNICAL;
    StartupOutcome outcome;
    if (firstFrame) {
      outcome = StartupOutcome.STARTED;
    } else if (fatal) {
      outcome = technical ? StartupOutcome.VSF : StartupOutcome.VSF_BUSINESS;
    } else {
      outcome = StartupOutcome.EBVS;
    }
    long endedAt = batches.get(batches.size() - 1).sendAt();
    SessionFacts facts =
        new SessionFacts(
            plan.sessionId(),
            startedAt,
            endedAt,
            endedBy,
            true,
            outcome,
            vstMs,
            playMs,
            rebufferMs,
            rebufferCount,
            adMs,
            seekCount,
            errorCount,
            bitrateSwitches,
            knownBitratePlayMs == 0 ? null : (double) bitrateKbpsMs / knownBitratePlayMs,
            firstFrame && fatal && technical,
            firstFrame && fatal && !technical,
            plan.beaconDimensions());
    return new SimulatedSession(plan, batches, facts, incidents, delivery);
  }

  private void book(long ms) {
    switch (state) {
      case PLAYING -> {
        playMs += ms;
        if (bitrateKbps != null) {
          knownBitratePlayMs += ms;
          bitrateKbpsMs += ms * bitrateKbps;
        }
      }
      case REBUFFERING -> rebufferMs += ms;
      case AD -> adMs += ms;
      default -> {}
    }
  }

  private BeaconEvent beacon(EventType type) {
    return BeaconEvent.of(plan.sessionId(), seq, type, now);
  }

  /**
   * Queues a beacon and books the time since the previous one to the state in force until now: time
   * counts once a beacon reports it, as it does for whoever reads the beacons.
   */
  private void emit(BeaconEvent beacon) {
    book(now - lastBeaconAt);
    lastBeaconAt = now;
    queued.add(beacon);
    seq++;
  }

  /** The player sends what it has queued. */
  private void send() {
    if (!queued.isEmpty()) {
      batches.add(new BeaconBatch(queued));
      queued.clear();
    }
  }
}
