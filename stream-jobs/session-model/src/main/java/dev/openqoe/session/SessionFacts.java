package dev.openqoe.session;

import dev.openqoe.protocol.SessionDimensions;

/**
 * One closed playback session and its QoE metrics. Field meanings:
 * stream-jobs/session-model/README.md; the JSON and Avro forms use the snake_case names of
 * schemas/src/main/resources/avro/session_fact.
 *
 * @param vstMs video startup time without ad time, null without both play_request and first_frame
 * @param avgBitrateKbps bitrate averaged over PLAYING time with a known bitrate, null without any
 */
public record SessionFacts(
    String sessionId,
    long startedAt,
    long endedAt,
    EndedBy endedBy,
    boolean attempt,
    StartupOutcome startupOutcome,
    Long vstMs,
    long playMs,
    long rebufferMs,
    int rebufferCount,
    long adMs,
    int seekCount,
    int errorCount,
    int bitrateSwitches,
    Double avgBitrateKbps,
    boolean vpf,
    boolean vpfBusiness,
    SessionDimensions dimensions) {

  /** Rebuffering ratio: rebuffer time over watch time, null when there was no watch time. */
  public Double rbr() {
    long watched = playMs + rebufferMs;
    return watched == 0 ? null : (double) rebufferMs / watched;
  }

  public boolean started() {
    return startupOutcome == StartupOutcome.STARTED;
  }
}
