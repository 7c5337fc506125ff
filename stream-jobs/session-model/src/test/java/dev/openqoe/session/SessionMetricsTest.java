package dev.openqoe.session;

import static dev.openqoe.protocol.EventType.AD_BREAK_END;
import static dev.openqoe.protocol.EventType.AD_BREAK_START;
import static dev.openqoe.protocol.EventType.BITRATE_CHANGE;
import static dev.openqoe.protocol.EventType.END;
import static dev.openqoe.protocol.EventType.FIRST_FRAME;
import static dev.openqoe.protocol.EventType.HEARTBEAT;
import static dev.openqoe.protocol.EventType.PAUSE;
import static dev.openqoe.protocol.EventType.PLAY_REQUEST;
import static dev.openqoe.protocol.EventType.REBUFFER_END;
import static dev.openqoe.protocol.EventType.REBUFFER_START;
import static dev.openqoe.protocol.EventType.RESUME;
import static dev.openqoe.protocol.EventType.SEEK_END;
import static dev.openqoe.protocol.EventType.SEEK_START;
import static dev.openqoe.session.SessionScript.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.openqoe.protocol.ErrorCategory;
import org.junit.jupiter.api.Test;

/**
 * Each metric of stream-jobs/session-model/README.md, with expectations computed by hand in the
 * comments.
 */
class SessionMetricsTest {

  @Test
  void cleanSessionChargesEachGapToTheStateBetweenTheBeacons() {
    SessionFacts s =
        session()
            .at(1_000, PLAY_REQUEST)
            .at(2_500, FIRST_FRAME, 3000) // VST 1500; playing from here
            .at(12_500, HEARTBEAT) //      +10000 play
            .at(14_500, PAUSE) //          +2000 play
            .at(20_000, RESUME) //         paused 5500: not charged
            .at(30_000, END) //            +10000 play
            .close();

    assertThat(s.startedAt()).isEqualTo(1_000);
    assertThat(s.endedAt()).isEqualTo(30_000);
    assertThat(s.endedBy()).isEqualTo(EndedBy.END);
    assertThat(s.attempt()).isTrue();
    assertThat(s.startupOutcome()).isEqualTo(StartupOutcome.STARTED);
    assertThat(s.vstMs()).isEqualTo(1_500L);
    assertThat(s.playMs()).isEqualTo(22_000);
    assertThat(s.rebufferMs()).isZero();
    assertThat(s.rbr()).isEqualTo(0.0);
    assertThat(s.avgBitrateKbps()).isEqualTo(3000.0);
    assertThat(s.vpf()).isFalse();
  }

  @Test
  void rebufferingRatioIsRebufferTimeOverWatchTime() {
    SessionFacts s =
        session()
            .at(0, FIRST_FRAME)
            .at(6_000, REBUFFER_START) //  +6000 play, 1 rebuffer
            .at(8_000, REBUFFER_END) //    +2000 rebuffer
            .at(10_000, REBUFFER_START) // +2000 play, 2 rebuffers
            .at(12_000, HEARTBEAT) //      +2000 rebuffer
            .at(13_000, REBUFFER_END) //   +1000 rebuffer
            .at(20_000, END) //            +7000 play
            .close();

    assertThat(s.playMs()).isEqualTo(15_000);
    assertThat(s.rebufferMs()).isEqualTo(5_000);
    assertThat(s.rebufferCount()).isEqualTo(2);
    assertThat(s.rbr()).isEqualTo(0.25); // 5000 / 20000
  }

  @Test
  void rbrIsNullWithoutWatchTime() {
    SessionFacts s = session().at(0, PLAY_REQUEST).at(5_000, END).close();

    assertThat(s.playMs()).isZero();
    assertThat(s.rbr()).isNull();
  }

  @Test
  void rebufferEventsWhileSeekingAreSeekBufferingNotRebuffers() {
    SessionFacts s =
        session()
            .at(0, FIRST_FRAME)
            .at(4_000, SEEK_START) //       +4000 play, seek 1
            .at(4_100, REBUFFER_START) //   ignored
            .at(5_000, REBUFFER_END) //     ignored
            .at(5_200, SEEK_END) //         seeking 1200: not charged
            .at(9_200, END) //              +4000 play
            .close();

    assertThat(s.seekCount()).isEqualTo(1);
    assertThat(s.rebufferCount()).isZero();
    assertThat(s.rebufferMs()).isZero();
    assertThat(s.playMs()).isEqualTo(8_000);
  }

  @Test
  void seekDuringRebufferingStopsTheRebufferAndReturnsToPlaying() {
    SessionFacts s =
        session()
            .at(0, FIRST_FRAME)
            .at(1_000, REBUFFER_START) //  +1000 play, 1 rebuffer
            .at(3_000, SEEK_START) //      +2000 rebuffer; seeking
            .at(3_500, REBUFFER_END) //    ignored while seeking
            .at(4_000, SEEK_END) //        back to PLAYING (seek began while rebuffering)
            .at(6_000, END) //             +2000 play
            .close();

    assertThat(s.rebufferMs()).isEqualTo(2_000);
    assertThat(s.rebufferCount()).isEqualTo(1);
    assertThat(s.seekCount()).isEqualTo(1);
    assertThat(s.playMs()).isEqualTo(3_000);
  }

  @Test
  void pauseDuringRebufferingStopsChargingRebufferTime() {
    SessionFacts s =
        session()
            .at(0, FIRST_FRAME)
            .at(2_000, REBUFFER_START) //  +2000 play
            .at(3_000, PAUSE) //           +1000 rebuffer
            .at(60_000, RESUME) //         paused: not charged
            .at(61_000, END) //            +1000 play
            .close();

    assertThat(s.rebufferMs()).isEqualTo(1_000);
    assertThat(s.playMs()).isEqualTo(3_000);
    assertThat(s.rbr()).isEqualTo(0.25);
  }

  @Test
  void preRollAdIsExcludedFromStartupTimeAndWatchTime() {
    SessionFacts s =
        session()
            .at(0, PLAY_REQUEST)
            .at(500, AD_BREAK_START) //    starting 500
            .at(15_500, AD_BREAK_END) //   +15000 ad, back to STARTING
            .at(16_500, FIRST_FRAME, 1200) // starting 1000 more: VST = 16500 - 0 - 15000
            .at(26_500, AD_BREAK_START) // +10000 play; mid-roll
            .at(36_500, AD_BREAK_END) //   +10000 ad
            .at(46_500, END) //            +10000 play
            .close();

    assertThat(s.vstMs()).isEqualTo(1_500L);
    assertThat(s.adMs()).isEqualTo(25_000);
    assertThat(s.playMs()).isEqualTo(20_000);
    assertThat(s.startupOutcome()).isEqualTo(StartupOutcome.STARTED);
  }

  @Test
  void sessionWithoutPlayRequestStartsButHasNoStartupTime() {
    SessionFacts s = session().at(100, FIRST_FRAME, 800).at(10_100, END).close();

    assertThat(s.attempt()).isTrue();
    assertThat(s.startupOutcome()).isEqualTo(StartupOutcome.STARTED);
    assertThat(s.vstMs()).isNull();
    assertThat(s.playMs()).isEqualTo(10_000);
  }

  @Test
  void averageBitrateIsWeightedByPlayingTime() {
    SessionFacts s =
        session()
            .at(0, FIRST_FRAME, 1000)
            .at(10_000, BITRATE_CHANGE, 4000) // 10000 ms at 1000
            .at(15_000, PAUSE) //               5000 ms at 4000
            .at(50_000, BITRATE_CHANGE, 4000) // same value: not a switch; paused time not weighted
            .at(55_000, RESUME)
            .at(60_000, BITRATE_CHANGE, 2000) // 5000 ms at 4000
            .at(80_000, END) //                 20000 ms at 2000
            .close();

    // (10000*1000 + 10000*4000 + 20000*2000) / 40000 = 2250
    assertThat(s.avgBitrateKbps()).isCloseTo(2250.0, within(1e-9));
    assertThat(s.bitrateSwitches()).isEqualTo(2);
    assertThat(s.playMs()).isEqualTo(40_000);
  }

  @Test
  void playTimeWithUnknownBitrateIsLeftOutOfTheAverage() {
    SessionFacts s =
        session()
            .at(0, FIRST_FRAME) //             no bitrate on the first frame
            .at(5_000, BITRATE_CHANGE, 2000) // unknown -> known: not a switch
            .at(15_000, END)
            .close();

    assertThat(s.playMs()).isEqualTo(15_000);
    assertThat(s.avgBitrateKbps()).isEqualTo(2000.0);
    assertThat(s.bitrateSwitches()).isZero();
  }

  @Test
  void bitrateChangesBeforeFirstFrameAreNotSwitches() {
    SessionFacts s =
        session()
            .at(0, PLAY_REQUEST)
            .at(100, BITRATE_CHANGE, 500)
            .at(200, BITRATE_CHANGE, 900)
            .at(300, FIRST_FRAME) //        keeps 900
            .at(1_300, END)
            .close();

    assertThat(s.bitrateSwitches()).isZero();
    assertThat(s.avgBitrateKbps()).isEqualTo(900.0);
  }

  @Test
  void noBitrateAtAllGivesNullAverage() {
    assertThat(session().at(0, FIRST_FRAME).at(1_000, END).close().avgBitrateKbps()).isNull();
  }

  @Test
  void fatalTechnicalErrorBeforeFirstFrameIsAVideoStartFailure() {
    SessionFacts s =
        session()
            .at(0, PLAY_REQUEST)
            .error(2_000, false, ErrorCategory.TECHNICAL) // retried, not fatal
            .error(4_000, true, ErrorCategory.TECHNICAL)
            .close();

    assertThat(s.startupOutcome()).isEqualTo(StartupOutcome.VSF);
    assertThat(s.endedBy()).isEqualTo(EndedBy.ERROR);
    assertThat(s.endedAt()).isEqualTo(4_000);
    assertThat(s.errorCount()).isEqualTo(2);
    assertThat(s.vpf()).isFalse();
    assertThat(s.vstMs()).isNull();
  }

  @Test
  void fatalBusinessErrorBeforeFirstFrameIsCountedApart() {
    SessionFacts s = session().at(0, PLAY_REQUEST).error(300, true, ErrorCategory.BUSINESS).close();

    assertThat(s.startupOutcome()).isEqualTo(StartupOutcome.VSF_BUSINESS);
    assertThat(s.vpfBusiness()).isFalse();
  }

  @Test
  void exitWithoutFirstFrameOrFatalErrorIsAnExitBeforeVideoStart() {
    SessionFacts ended =
        session()
            .at(0, PLAY_REQUEST)
            .error(100, false, ErrorCategory.TECHNICAL)
            .at(900, END)
            .close();
    SessionFacts abandoned = session().at(0, PLAY_REQUEST).at(10_000, HEARTBEAT).close();

    assertThat(ended.startupOutcome()).isEqualTo(StartupOutcome.EBVS);
    assertThat(ended.endedBy()).isEqualTo(EndedBy.END);
    assertThat(abandoned.startupOutcome()).isEqualTo(StartupOutcome.EBVS);
    assertThat(abandoned.endedBy()).isEqualTo(EndedBy.TIMEOUT);
    assertThat(abandoned.endedAt()).isEqualTo(10_000);
  }

  @Test
  void firstFrameDuringAnUnclosedAdBreakIsNotAStart() {
    SessionFacts s =
        session().at(0, PLAY_REQUEST).at(100, AD_BREAK_START).at(5_000, FIRST_FRAME).close();

    assertThat(s.attempt()).isTrue();
    assertThat(s.startupOutcome()).isEqualTo(StartupOutcome.EBVS);
    assertThat(s.adMs()).isEqualTo(4_900);
  }

  @Test
  void fatalErrorsAfterFirstFrameArePlaybackFailures() {
    SessionFacts technical =
        session().at(0, FIRST_FRAME).error(5_000, true, ErrorCategory.TECHNICAL).close();
    SessionFacts business =
        session().at(0, FIRST_FRAME).error(5_000, true, ErrorCategory.BUSINESS).close();

    assertThat(technical.vpf()).isTrue();
    assertThat(technical.vpfBusiness()).isFalse();
    assertThat(technical.startupOutcome()).isEqualTo(StartupOutcome.STARTED);
    assertThat(technical.playMs()).isEqualTo(5_000);
    assertThat(business.vpf()).isFalse();
    assertThat(business.vpfBusiness()).isTrue();
  }

  @Test
  void sessionWithoutAttemptHasNoStartupOutcome() {
    SessionFacts s = session().at(0, HEARTBEAT).error(10, true, ErrorCategory.TECHNICAL).close();

    assertThat(s.attempt()).isFalse();
    assertThat(s.startupOutcome()).isNull();
    assertThat(s.vpf()).isFalse();
    assertThat(s.errorCount()).isEqualTo(1);
  }

  @Test
  void negativeGapsCountAsZero() {
    SessionFacts s =
        session()
            .at(10_000, FIRST_FRAME)
            .at(9_000, HEARTBEAT) //  clock went back: +0
            .at(12_000, END) //       +3000
            .close();

    assertThat(s.playMs()).isEqualTo(3_000);
  }

  @Test
  void startupTimeNeverGoesNegativeOnABackwardsClock() {
    SessionFacts s = session().at(5_000, PLAY_REQUEST).at(4_000, FIRST_FRAME).close();

    assertThat(s.vstMs()).isZero();
  }

  @Test
  void latestNonNullDimensionWins() {
    var first =
        new dev.openqoe.protocol.SessionDimensions(
            "v1",
            "a1",
            null,
            "p",
            null,
            null,
            null,
            null,
            "cdn-a",
            null,
            java.util.Map.of("k", "1"));
    var second =
        new dev.openqoe.protocol.SessionDimensions(
            null,
            null,
            dev.openqoe.protocol.StreamType.LIVE,
            null,
            "2.0",
            null,
            null,
            null,
            "cdn-b",
            null,
            null);
    SessionFacts s =
        session().withDimensions(0, first).withDimensions(10, second).at(20, END).close();

    assertThat(s.dimensions().viewerId()).isEqualTo("v1");
    assertThat(s.dimensions().assetId()).isEqualTo("a1");
    assertThat(s.dimensions().streamType()).isEqualTo(dev.openqoe.protocol.StreamType.LIVE);
    assertThat(s.dimensions().playerVersion()).isEqualTo("2.0");
    assertThat(s.dimensions().cdn()).isEqualTo("cdn-b");
    assertThat(s.dimensions().custom()).containsEntry("k", "1");
  }

  @Test
  void seekCountCountsOnlySeeksThatStarted() {
    SessionFacts s =
        session()
            .at(0, PLAY_REQUEST)
            .at(10, SEEK_START) // STARTING: nothing
            .at(20, FIRST_FRAME)
            .at(30, SEEK_START)
            .at(40, SEEK_START) // already seeking: nothing
            .at(50, SEEK_END)
            .at(60, END)
            .close();

    assertThat(s.seekCount()).isEqualTo(1);
  }
}
