package dev.openqoe.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.CmcdReport;
import dev.openqoe.protocol.CmcdReportMode;
import dev.openqoe.protocol.EventType;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CMCD reports in a session: the (state, sta) table of stream-jobs/session-model/README.md, and the
 * sequences real players send (stream-jobs/session-model/README.md, "CMCD v2 reports").
 */
class CmcdPlaybackTest {

  /** Rows: the session's state; columns: the report's sta; cells: transitions, "-" for none. */
  private static final String TABLE =
      """
      state        s             r              p              k           a                  w      e    q    d  f
      IDLE         play_request  play_request   first_frame    -           -                  -      end  end  -  error
      STARTING     -             -              first_frame    -           -                  -      end  end  -  error
      PLAYING      -             rebuffer_start -              seek_start  pause              pause  end  end  -  error
      PAUSED       -             -              resume         seek_start  -                  -      end  end  -  error
      SEEKING      -             -              seek_end       -           seek_end+pause     -      end  end  -  error
      REBUFFERING  -             -              rebuffer_end   seek_start  pause              pause  end  end  -  error
      AD           -             -              -              -           -                  -      end  end  -  error
      """;

  static Stream<Arguments> table() {
    List<String> lines = TABLE.lines().toList();
    String[] states = lines.get(0).trim().split("\\s+");
    return lines.stream()
        .skip(1)
        .flatMap(
            line -> {
              String[] cells = line.trim().split("\\s+");
              return Stream.iterate(1, i -> i < states.length, i -> i + 1)
                  .map(i -> Arguments.of(PlaybackState.valueOf(cells[0]), states[i], cells[i]));
            });
  }

  @ParameterizedTest(name = "{0} + sta={1} -> {2}")
  @MethodSource("table")
  void mapsEachStateOfEachSessionState(PlaybackState state, String sta, String expected) {
    List<EventType> transitions =
        CmcdPlayback.transitions(state, new CmcdReport(CmcdReportMode.EVENT, 0, sta, null, null));

    String actual =
        transitions.isEmpty()
            ? "-"
            : transitions.stream().map(EventType::wireName).collect(Collectors.joining("+"));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void anErrorEventIsANonFatalErrorBesideTheStateChange() {
    assertThat(
            CmcdPlayback.transitions(
                PlaybackState.PLAYING, new CmcdReport(CmcdReportMode.EVENT, 0, "r", "e", null)))
        .containsExactly(EventType.REBUFFER_START, EventType.ERROR);
  }

  @Test
  void dashJsStartupReportsStartingThenRebufferingThenPlaying() {
    SessionFacts facts =
        SessionScript.session()
            .cmcd(1_000, "s", "ps", null)
            .cmcd(1_300, "r", "ps", null)
            .cmcd(1_900, "p", "ps", 400)
            .cmcd(11_900, "e", "ps", null)
            .close();

    assertThat(facts.startupOutcome()).isEqualTo(StartupOutcome.STARTED);
    assertThat(facts.vstMs()).isEqualTo(900L);
    assertThat(facts.rebufferCount()).isZero();
    assertThat(facts.playMs()).isEqualTo(10_000);
    assertThat(facts.endedBy()).isEqualTo(EndedBy.END);
  }

  @Test
  void shakaStartupReportsRebufferingThenPlayingWithoutStarting() {
    SessionFacts facts =
        SessionScript.session()
            .cmcd(1_000, "r", "ps", null)
            .cmcd(1_700, "p", "ps", null)
            .cmcd(5_700, "e", "ps", null)
            .close();

    assertThat(facts.startupOutcome()).isEqualTo(StartupOutcome.STARTED);
    assertThat(facts.vstMs()).isEqualTo(700L);
    assertThat(facts.rebufferCount()).isZero();
    assertThat(facts.playMs()).isEqualTo(4_000);
  }

  @Test
  void aSeekIsOneSeekWhateverItWaitsForAndItsBufferingIsNoStall() {
    SessionFacts facts =
        SessionScript.session()
            .cmcd(0, "s", "ps", null)
            .cmcd(500, "p", "ps", 400)
            .cmcd(5_500, "k", "ps", 800)
            .cmcd(5_600, "w", "ps", null)
            .cmcd(5_650, "r", "ps", null)
            .cmcd(6_500, "p", "ps", null)
            .cmcd(10_500, "q", "ps", null)
            .close();

    assertThat(facts.seekCount()).isEqualTo(1);
    assertThat(facts.rebufferCount()).isZero();
    assertThat(facts.rebufferMs()).isZero();
    assertThat(facts.playMs()).isEqualTo(9_000);
    // The k report carried the new rendition: 5 s at 400, 4 s at 800.
    assertThat(facts.bitrateSwitches()).isEqualTo(1);
    assertThat(facts.avgBitrateKbps()).isCloseTo((5 * 400 + 4 * 800) / 9.0, within());
  }

  @Test
  void aStallAfterTheStartIsARebufferAndAPauseStopsItsClock() {
    SessionFacts facts =
        SessionScript.session()
            .cmcd(0, "s", "ps", null)
            .cmcd(500, "p", "ps", 400)
            .cmcd(3_500, "r", "ps", null)
            .cmcd(5_500, "p", "ps", null)
            .cmcd(7_500, "a", "ps", null)
            .cmcd(9_500, "p", "ps", null)
            .cmcd(10_500, "e", "ps", null)
            .close();

    assertThat(facts.rebufferCount()).isEqualTo(1);
    assertThat(facts.rebufferMs()).isEqualTo(2_000);
    assertThat(facts.playMs()).isEqualTo(3_000 + 2_000 + 1_000);
  }

  @Test
  void reportsAfterTheEndAreTrailingReportsNotLateBeaconsNorErrors() {
    List<BeaconEvent> shaka =
        SessionScript.session()
            .cmcd(0, "r", "ps", null)
            .cmcd(500, "p", "ps", null)
            .cmcd(2_500, "e", "ps", null)
            .cmcd(2_600, "a", "ps", null)
            .cmcd(2_700, "e", "ps", null)
            .cmcd(2_800, null, "t", null)
            .beacons();
    SessionAccumulator session = new SessionAccumulator(SessionScript.SESSION, Duration.ZERO);

    List<BeaconVerdict> verdicts = shaka.stream().map(session::offer).toList();

    assertThat(verdicts.subList(3, 6)).containsOnly(BeaconVerdict.TRAILING_REPORT);
    SessionFacts facts = session.close();
    assertThat(facts.errorCount()).isZero();
    assertThat(facts.endedAt()).isEqualTo(2_500);
    assertThat(facts.playMs()).isEqualTo(2_000);
  }

  @Test
  void protocolBeaconsAfterTheEndStayLateBeacons() {
    SessionAccumulator session = SessionScript.session().at(0, EventType.END).feed();

    assertThat(session.offer(BeaconEvent.of(SessionScript.SESSION, 5, EventType.PAUSE, 10)))
        .isEqualTo(BeaconVerdict.AFTER_END);
  }

  @Test
  void requestModeAloneDrivesTheSession() {
    SessionFacts facts =
        SessionScript.session()
            .cmcdRequest(0, "s", null)
            .cmcdRequest(400, "s", 400)
            .cmcdRequest(1_000, "p", 400)
            .cmcdRequest(3_000, "r", 400)
            .cmcdRequest(3_500, "p", 800)
            .cmcdRequest(5_500, "p", 800)
            .close();

    assertThat(facts.vstMs()).isEqualTo(1_000L);
    assertThat(facts.rebufferCount()).isEqualTo(1);
    assertThat(facts.rebufferMs()).isEqualTo(500);
    assertThat(facts.bitrateSwitches()).isEqualTo(1);
    assertThat(facts.endedBy()).isEqualTo(EndedBy.TIMEOUT);
  }

  @Test
  void besideEventModeRequestModeDataOnlyMarksTime() {
    // dash.js with both modes: a media request begun before the first frame, its data mirrored
    // after the event report of playing, still says r (and the rendition being fetched ahead).
    SessionFacts facts =
        SessionScript.session()
            .cmcdRequest(0, "s", null)
            .cmcd(100, "s", "ps", null)
            .cmcd(700, "p", "ps", 400)
            .cmcdRequest(720, "r", 800)
            .cmcd(4_700, "e", "ps", null)
            .close();

    assertThat(facts.vstMs()).isEqualTo(700L);
    assertThat(facts.rebufferCount()).isZero();
    assertThat(facts.bitrateSwitches()).isZero();
    assertThat(facts.avgBitrateKbps()).isEqualTo(400.0);
    assertThat(facts.playMs()).isEqualTo(4_000);
  }

  @Test
  void aBitrateOnAnyReportIsARenditionChangeWhenItDiffers() {
    SessionFacts facts =
        SessionScript.session()
            .cmcd(0, "s", "ps", null)
            .cmcd(1_000, "p", "ps", 400)
            .cmcd(3_000, null, "t", 400)
            .cmcd(5_000, null, "t", 800)
            .cmcd(7_000, null, "bc", 800)
            .cmcd(9_000, "e", "ps", null)
            .close();

    assertThat(facts.bitrateSwitches()).isEqualTo(1);
    assertThat(facts.avgBitrateKbps()).isCloseTo((4 * 400 + 4 * 800) / 8.0, within());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.001);
  }
}
