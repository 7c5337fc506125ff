package dev.openqoe.session;

import dev.openqoe.protocol.CmcdReport;
import dev.openqoe.protocol.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * What a CMCD v2 report means for a session, given the state the session is in: CMCD reports the
 * player's state ({@code sta}), the session model works with transitions. Reports must come in
 * report-time order (the seq the collector gives them), so this needs no memory of its own: the
 * session's {@link PlaybackState} says everything the next report is read against. The table, and
 * the player behaviour behind each row, is in stream-jobs/session-model/README.md.
 */
final class CmcdPlayback {

  private CmcdPlayback() {}

  /** The transitions, in order, that {@code report} makes from {@code state}; often none. */
  static List<EventType> transitions(PlaybackState state, CmcdReport report) {
    List<EventType> byState = byState(state, report.state());
    boolean error = "e".equals(report.event()) || "f".equals(report.state());
    if (error) {
      // After the state change, so a fatal error (sta=f) ends the session in the state it left.
      List<EventType> withError = new ArrayList<>(byState);
      withError.add(EventType.ERROR);
      return withError;
    }
    if (!byState.isEmpty()) {
      return byState;
    }
    if ("abs".equals(report.event())) {
      return List.of(EventType.AD_BREAK_START);
    }
    if ("abe".equals(report.event())) {
      return List.of(EventType.AD_BREAK_END);
    }
    return List.of();
  }

  private static List<EventType> byState(PlaybackState state, String sta) {
    if (sta == null) {
      return List.of();
    }
    return switch (sta) {
      // Starting; rebuffering before the first frame is startup too (dash.js reports s, r, p;
      // Shaka r, p without s), so either one opens the startup wait.
      case "s" -> state == PlaybackState.IDLE ? List.of(EventType.PLAY_REQUEST) : List.of();
      case "r" ->
          switch (state) {
            case IDLE -> List.of(EventType.PLAY_REQUEST);
            case PLAYING -> List.of(EventType.REBUFFER_START);
            default -> List.of();
          };
      case "p" ->
          switch (state) {
            case IDLE, STARTING -> List.of(EventType.FIRST_FRAME);
            case SEEKING -> List.of(EventType.SEEK_END);
            case REBUFFERING -> List.of(EventType.REBUFFER_END);
            case PAUSED -> List.of(EventType.RESUME);
            default -> List.of();
          };
      case "k" ->
          switch (state) {
            case PLAYING, PAUSED, REBUFFERING -> List.of(EventType.SEEK_START);
            default -> List.of();
          };
      case "a" ->
          switch (state) {
            case PLAYING, REBUFFERING -> List.of(EventType.PAUSE);
            case SEEKING -> List.of(EventType.SEEK_END, EventType.PAUSE);
            default -> List.of();
          };
      // Waiting for the viewer or another event: not a stall, and no content is shown. During a
      // seek it is the seek's own buffering (dash.js reports k, w, p), which changes nothing.
      case "w" ->
          switch (state) {
            case PLAYING, REBUFFERING -> List.of(EventType.PAUSE);
            default -> List.of();
          };
      case "e", "q" -> List.of(EventType.END);
      default -> List.of();
    };
  }
}
