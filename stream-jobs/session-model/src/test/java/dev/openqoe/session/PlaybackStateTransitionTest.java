package dev.openqoe.session;

import static dev.openqoe.protocol.EventType.AD_BREAK_END;
import static dev.openqoe.protocol.EventType.AD_BREAK_START;
import static dev.openqoe.protocol.EventType.BITRATE_CHANGE;
import static dev.openqoe.protocol.EventType.FIRST_FRAME;
import static dev.openqoe.protocol.EventType.PAUSE;
import static dev.openqoe.protocol.EventType.PLAY_REQUEST;
import static dev.openqoe.protocol.EventType.REBUFFER_START;
import static dev.openqoe.protocol.EventType.SEEK_START;
import static dev.openqoe.session.PlaybackState.AD;
import static dev.openqoe.session.PlaybackState.IDLE;
import static dev.openqoe.session.PlaybackState.PAUSED;
import static dev.openqoe.session.PlaybackState.PLAYING;
import static dev.openqoe.session.PlaybackState.REBUFFERING;
import static dev.openqoe.session.PlaybackState.SEEKING;
import static dev.openqoe.session.PlaybackState.STARTING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.protocol.EventType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (state, beacon type) pair of the state machine, written out by hand from the protocol
 * definition, including the pairs that must change nothing.
 */
class PlaybackStateTransitionTest {

  /** Beacons that bring a fresh session into each state (seeking and ad entered from PLAYING). */
  private static final Map<PlaybackState, List<EventType>> PATH_TO =
      new EnumMap<>(
          Map.of(
              IDLE, List.of(),
              STARTING, List.of(PLAY_REQUEST),
              PLAYING, List.of(FIRST_FRAME),
              PAUSED, List.of(FIRST_FRAME, PAUSE),
              SEEKING, List.of(FIRST_FRAME, SEEK_START),
              REBUFFERING, List.of(FIRST_FRAME, REBUFFER_START),
              AD, List.of(FIRST_FRAME, AD_BREAK_START)));

  /**
   * Rows: state; columns: beacon type in EventType order minus error, end and cmcd (whose reports
   * CmcdPlaybackTest covers).
   */
  private static final String TABLE =
      """
      state        play_req  first_fr  pause    resume   seek_st  seek_end  rebuf_st  rebuf_end  bitrate  ad_start  ad_end   heartbeat
      IDLE         STARTING  PLAYING   IDLE     IDLE     IDLE     IDLE      IDLE      IDLE       IDLE     IDLE      IDLE     IDLE
      STARTING     STARTING  PLAYING   STARTING STARTING STARTING STARTING  STARTING  STARTING   STARTING AD        STARTING STARTING
      PLAYING      PLAYING   PLAYING   PAUSED   PLAYING  SEEKING  PLAYING   REBUFFERING PLAYING  PLAYING  AD        PLAYING  PLAYING
      PAUSED       PAUSED    PAUSED    PAUSED   PLAYING  SEEKING  PAUSED    PAUSED    PAUSED     PAUSED   AD        PAUSED   PAUSED
      SEEKING      SEEKING   SEEKING   SEEKING  SEEKING  SEEKING  PLAYING   SEEKING   SEEKING    SEEKING  SEEKING   SEEKING  SEEKING
      REBUFFERING  REBUFFERING REBUFFERING PAUSED REBUFFERING SEEKING REBUFFERING REBUFFERING PLAYING REBUFFERING REBUFFERING REBUFFERING REBUFFERING
      AD           AD        AD        AD       AD       AD       AD        AD        AD         AD       AD        PLAYING  AD
      """;

  private static final List<EventType> COLUMNS =
      Stream.of(EventType.values())
          .filter(t -> t != EventType.ERROR && t != EventType.END && t != EventType.CMCD)
          .toList();

  static Stream<Arguments> transitions() {
    return TABLE
        .lines()
        .skip(1)
        .flatMap(
            line -> {
              String[] cells = line.trim().split("\\s+");
              PlaybackState from = PlaybackState.valueOf(cells[0]);
              return COLUMNS.stream()
                  .map(
                      type ->
                          Arguments.of(
                              from, type, PlaybackState.valueOf(cells[1 + COLUMNS.indexOf(type)])));
            });
  }

  @ParameterizedTest(name = "{0} --{1}--> {2}")
  @MethodSource("transitions")
  void transition(PlaybackState from, EventType type, PlaybackState expected) {
    SessionScript script = SessionScript.session();
    long ts = 0;
    for (EventType step : PATH_TO.get(from)) {
      script = step == FIRST_FRAME ? script.at(ts, step, 1000) : script.at(ts, step);
      ts += 100;
    }
    if (type == BITRATE_CHANGE) {
      script.at(ts, type, 2000);
    } else if (type == FIRST_FRAME) {
      script.at(ts, type, 1000);
    } else {
      script.at(ts, type);
    }

    assertThat(script.feed().state()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "seek from {0} returns to {1}")
  @MethodSource("seekReturns")
  void seekEndReturnsToPausedOnlyWhenTheSeekBeganPaused(
      List<EventType> path, PlaybackState expected) {
    SessionScript script = SessionScript.session();
    long ts = 0;
    for (EventType step : path) {
      script.at(ts += 100, step);
    }
    assertThat(script.feed().state()).isEqualTo(expected);
  }

  static Stream<Arguments> seekReturns() {
    return Stream.of(
        Arguments.of(List.of(FIRST_FRAME, SEEK_START, EventType.SEEK_END), PLAYING),
        Arguments.of(List.of(FIRST_FRAME, PAUSE, SEEK_START, EventType.SEEK_END), PAUSED),
        Arguments.of(
            List.of(FIRST_FRAME, REBUFFER_START, SEEK_START, EventType.SEEK_END), PLAYING));
  }

  @ParameterizedTest(name = "ad from {0} returns to {1}")
  @MethodSource("adReturns")
  void adBreakEndReturnsToTheStateBeforeTheBreak(List<EventType> path, PlaybackState expected) {
    SessionScript script = SessionScript.session();
    long ts = 0;
    for (EventType step : path) {
      script.at(ts += 100, step);
    }
    assertThat(script.feed().state()).isEqualTo(expected);
  }

  static Stream<Arguments> adReturns() {
    return Stream.of(
        Arguments.of(List.of(PLAY_REQUEST, AD_BREAK_START, AD_BREAK_END), STARTING),
        Arguments.of(List.of(FIRST_FRAME, AD_BREAK_START, AD_BREAK_END), PLAYING),
        Arguments.of(List.of(FIRST_FRAME, PAUSE, AD_BREAK_START, AD_BREAK_END), PAUSED));
  }
}
