package dev.openqoe.session;

import static dev.openqoe.protocol.EventType.END;
import static dev.openqoe.protocol.EventType.FIRST_FRAME;
import static dev.openqoe.protocol.EventType.HEARTBEAT;
import static dev.openqoe.protocol.EventType.PAUSE;
import static dev.openqoe.protocol.EventType.PLAY_REQUEST;
import static dev.openqoe.protocol.EventType.REBUFFER_END;
import static dev.openqoe.protocol.EventType.REBUFFER_START;
import static dev.openqoe.protocol.EventType.RESUME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Per-interval facts, 10 s intervals, expectations computed by hand. */
class SessionIntervalTest {

  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  @Test
  void splitsChargedTimeAtIntervalBoundaries() {
    List<SessionInterval> rows =
        intervals(
            SessionScript.session()
                .at(5_000, PLAY_REQUEST)
                .at(7_000, FIRST_FRAME, 1000) // STARTING 2000 in [0,10s); VST 2000
                .at(23_000, REBUFFER_START) // PLAYING 3000 | 10000 | 3000
                .at(25_000, REBUFFER_END) //   REBUFFERING 2000 in [20s,30s)
                .at(31_000, END)); //          PLAYING 5000 | 1000

    assertThat(rows)
        .extracting(SessionInterval::intervalStart)
        .containsExactly(0L, 10_000L, 20_000L, 30_000L);
    assertThat(rows)
        .extracting(SessionInterval::playMs)
        .containsExactly(3_000L, 10_000L, 8_000L, 1_000L);
    assertThat(rows).extracting(SessionInterval::rebufferMs).containsExactly(0L, 0L, 2_000L, 0L);
    assertThat(rows).extracting(SessionInterval::rebufferStarts).containsExactly(0, 0, 1, 0);
    assertThat(rows)
        .extracting(SessionInterval::stateAtEnd)
        .containsExactly(PlaybackState.PLAYING, PlaybackState.PLAYING, PlaybackState.PLAYING, null);
    assertThat(rows)
        .extracting(SessionInterval::startupOutcome)
        .containsExactly(StartupOutcome.STARTED, null, null, null);
    assertThat(rows).extracting(SessionInterval::vstMs).containsExactly(2_000L, null, null, null);
    assertThat(rows.get(0).bitrateKbpsMs()).isEqualTo(3_000.0 * 1000);
    assertThat(rows.get(0).bitrateKnownMs()).isEqualTo(3_000);
  }

  @Test
  void intervalsAreHandedOutOnceALaterBeaconPassesTheirEnd() {
    SessionAccumulator session = new SessionAccumulator("s-1", Duration.ZERO, TEN_SECONDS);
    List<BeaconEvent> beacons =
        SessionScript.session()
            .at(5_000, FIRST_FRAME)
            .at(9_999, HEARTBEAT)
            .at(10_000, HEARTBEAT)
            .at(35_000, HEARTBEAT)
            .at(36_000, END)
            .beacons();
    List<Integer> handedOut = new ArrayList<>();
    for (BeaconEvent beacon : beacons) {
      session.offer(beacon);
      handedOut.add(session.drainIntervals().size());
    }
    session.close();

    assertThat(handedOut).containsExactly(0, 0, 1, 2, 0);
    assertThat(session.drainIntervals())
        .singleElement()
        .satisfies(
            last -> {
              assertThat(last.intervalStart()).isEqualTo(30_000);
              assertThat(last.playMs()).isEqualTo(6_000);
            });
    assertThat(session.drainIntervals()).isEmpty();
  }

  @Test
  void longPausesGiveRowsWithTheStateButNoTime() {
    List<SessionInterval> rows =
        intervals(
            SessionScript.session()
                .at(0, FIRST_FRAME)
                .at(5_000, PAUSE)
                .at(32_000, RESUME)
                .at(34_000, END));

    assertThat(rows).extracting(SessionInterval::playMs).containsExactly(5_000L, 0L, 0L, 2_000L);
    assertThat(rows)
        .extracting(SessionInterval::stateAtEnd)
        .containsExactly(PlaybackState.PAUSED, PlaybackState.PAUSED, PlaybackState.PAUSED, null);
  }

  @Test
  void startFailureIsRecordedOnTheIntervalOfTheError() {
    List<SessionInterval> rows =
        intervals(
            SessionScript.session()
                .at(1_000, PLAY_REQUEST)
                .error(15_000, true, ErrorCategory.TECHNICAL));

    assertThat(rows)
        .extracting(SessionInterval::startupOutcome)
        .containsExactly(null, StartupOutcome.VSF);
    assertThat(rows)
        .extracting(SessionInterval::stateAtEnd)
        .containsExactly(PlaybackState.STARTING, null);
  }

  @Test
  void playbackFailureIsRecordedOnTheIntervalOfTheError() {
    List<SessionInterval> rows =
        intervals(
            SessionScript.session().at(0, FIRST_FRAME).error(12_000, true, ErrorCategory.BUSINESS));

    assertThat(rows)
        .extracting(SessionInterval::playbackFailure)
        .containsExactly(null, "vpf_business");
  }

  @Test
  void abandonedAttemptIsAnExitBeforeStartOnItsLastInterval() {
    List<SessionInterval> rows =
        intervals(SessionScript.session().at(0, PLAY_REQUEST).at(25_000, HEARTBEAT));

    assertThat(rows).hasSize(3);
    assertThat(rows.get(2).startupOutcome()).isEqualTo(StartupOutcome.EBVS);
  }

  @Test
  void backwardsClockShiftsPlacementButKeepsTotals() {
    List<SessionInterval> rows =
        intervals(
            SessionScript.session()
                .at(8_000, FIRST_FRAME)
                .at(6_000, HEARTBEAT) // clock back 2 s: +0
                .at(13_000, END)); //   +7000 play, laid from the cursor (8000) to 15000

    assertThat(rows).extracting(SessionInterval::playMs).containsExactly(2_000L, 5_000L);
  }

  @Test
  void intervalTotalsAlwaysAddUpToTheSession() {
    Random random = new Random(11);
    EventType[] types = EventType.values();
    for (int run = 0; run < 500; run++) {
      SessionScript script = SessionScript.session();
      long ts = random.nextInt(100_000);
      int steps = 1 + random.nextInt(40);
      for (int i = 0; i < steps; i++) {
        EventType type = types[random.nextInt(types.length)];
        ts += random.nextInt(25_000) - 2_000;
        if (type == EventType.CMCD) {
          script.randomCmcd(ts, random);
        } else if (type == EventType.ERROR) {
          script.error(ts, random.nextInt(10) == 0, ErrorCategory.TECHNICAL);
        } else if (type == EventType.BITRATE_CHANGE || type == FIRST_FRAME) {
          script.at(ts, type, 500 + random.nextInt(5_000));
        } else if (type != END) {
          script.at(ts, type);
        }
      }
      if (script.beacons().isEmpty()) {
        continue; // every step drawn was an end, which this test leaves out
      }
      SessionAccumulator session = new SessionAccumulator("s-1", Duration.ZERO, TEN_SECONDS);
      List<SessionInterval> rows = new ArrayList<>();
      for (BeaconEvent beacon : script.beacons()) {
        if (session.offer(beacon).applied()) {
          rows.addAll(session.drainIntervals());
        }
      }
      SessionFacts facts = session.close();
      rows.addAll(session.drainIntervals());

      assertThat(rows.stream().mapToLong(SessionInterval::playMs).sum()).isEqualTo(facts.playMs());
      assertThat(rows.stream().mapToLong(SessionInterval::rebufferMs).sum())
          .isEqualTo(facts.rebufferMs());
      assertThat(rows.stream().mapToLong(SessionInterval::adMs).sum()).isEqualTo(facts.adMs());
      assertThat(rows.stream().mapToInt(SessionInterval::rebufferStarts).sum())
          .isEqualTo(facts.rebufferCount());
      assertThat(rows.stream().filter(r -> r.startupOutcome() != null).count())
          .isEqualTo(facts.startupOutcome() == null ? 0 : 1);
      assertThat(rows.get(rows.size() - 1).stateAtEnd()).isNull();
      for (int i = 1; i < rows.size(); i++) {
        assertThat(rows.get(i).intervalStart() - rows.get(i - 1).intervalStart()).isEqualTo(10_000);
      }
    }
  }

  private static List<SessionInterval> intervals(SessionScript script) {
    SessionAccumulator session = new SessionAccumulator("s-1", Duration.ZERO, TEN_SECONDS);
    List<SessionInterval> rows = new ArrayList<>();
    for (BeaconEvent beacon : script.beacons()) {
      assertThat(session.offer(beacon).applied()).isTrue();
      rows.addAll(session.drainIntervals());
    }
    session.close();
    rows.addAll(session.drainIntervals());
    return rows;
  }
}
