package dev.openqoe.protocol;

import java.util.Objects;

/**
 * A CMCD v2 report as the collector received it, carried by a beacon of type {@code cmcd}. The
 * collector interprets nothing that needs the session's history: the session model turns the
 * ordered reports of a session into playback transitions (stream-jobs/session-model/README.md).
 *
 * @param sn the report's sequence number ({@code sn}), counted per mode by the player
 * @param state the player state token ({@code sta}: s, p, k, r, a, w, e, f, q, d), or null
 * @param event the event type token ({@code e}, event mode only), or null
 * @param payload the report's CMCD data exactly as received, or null when not kept
 */
public record CmcdReport(CmcdReportMode mode, long sn, String state, String event, String payload) {

  /** The longest {@code payload} kept; CMCD reports of real players are a few hundred bytes. */
  public static final int MAX_PAYLOAD_LENGTH = 4096;

  public CmcdReport {
    Objects.requireNonNull(mode, "mode");
  }
}
