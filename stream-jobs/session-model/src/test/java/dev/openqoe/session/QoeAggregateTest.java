package dev.openqoe.session;

import static dev.openqoe.protocol.EventType.END;
import static dev.openqoe.protocol.EventType.FIRST_FRAME;
import static dev.openqoe.protocol.EventType.HEARTBEAT;
import static dev.openqoe.protocol.EventType.PLAY_REQUEST;
import static dev.openqoe.protocol.EventType.REBUFFER_END;
import static dev.openqoe.protocol.EventType.REBUFFER_START;
import static dev.openqoe.session.SessionScript.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.openqoe.protocol.ErrorCategory;
import java.util.List;
import org.junit.jupiter.api.Test;

class QoeAggregateTest {

  /** Six sessions: 5 attempts (3 started, 1 VSF, 1 EBVS), 1 VPF, and one heartbeat-only. */
  private static final List<SessionFacts> SESSIONS =
      List.of(
          // started, VST 1000, 10000 play at 1000 kbps
          session().at(0, PLAY_REQUEST).at(1_000, FIRST_FRAME, 1000).at(11_000, END).close(),
          // started, VST 3000, 8000 play + 2000 rebuffer at 4000 kbps
          session()
              .at(0, PLAY_REQUEST)
              .at(3_000, FIRST_FRAME, 4000)
              .at(7_000, REBUFFER_START)
              .at(9_000, REBUFFER_END)
              .at(13_000, END)
              .close(),
          // started, VST 2000, then a technical fatal error after 10000 play, no bitrate
          session()
              .at(0, PLAY_REQUEST)
              .at(2_000, FIRST_FRAME)
              .error(12_000, true, ErrorCategory.TECHNICAL)
              .close(),
          session().at(0, PLAY_REQUEST).error(500, true, ErrorCategory.TECHNICAL).close(),
          session().at(0, PLAY_REQUEST).at(4_000, END).close(),
          session().at(0, HEARTBEAT).close());

  @Test
  void ratesUseTheirOwnDenominators() {
    QoeAggregate total = new QoeAggregate();
    SESSIONS.forEach(total::add);

    assertThat(total.sessions()).isEqualTo(6);
    assertThat(total.attempts()).isEqualTo(5);
    assertThat(total.started()).isEqualTo(3);
    assertThat(total.vsfRate()).isEqualTo(0.2); //  1 / 5 attempts
    assertThat(total.ebvsRate()).isEqualTo(0.2); // 1 / 5 attempts
    assertThat(total.vpfRate()).isCloseTo(1 / 3.0, within(1e-12)); // 1 / 3 started
    assertThat(total.vsfBusinessRate()).isZero();
    // 2000 rebuffer / (28000 play + 2000 rebuffer)
    assertThat(total.rebufferingRatio()).isCloseTo(2_000 / 30_000.0, within(1e-12));
    // (1000*10000 + 4000*8000) / 18000; the session without bitrate is left out
    assertThat(total.avgBitrateKbps()).isCloseTo(42_000_000 / 18_000.0, within(1e-9));
  }

  @Test
  void mergingPartsEqualsAddingEverything() {
    QoeAggregate whole = new QoeAggregate();
    SESSIONS.forEach(whole::add);
    QoeAggregate left = new QoeAggregate();
    QoeAggregate right = new QoeAggregate();
    SESSIONS.subList(0, 2).forEach(left::add);
    SESSIONS.subList(2, SESSIONS.size()).forEach(right::add);

    left.merge(right);

    assertThat(left).usingRecursiveComparison().isEqualTo(whole);
  }

  @Test
  void emptyAggregateHasNoRates() {
    QoeAggregate empty = new QoeAggregate();

    assertThat(empty.vsfRate()).isNull();
    assertThat(empty.vpfRate()).isNull();
    assertThat(empty.rebufferingRatio()).isNull();
    assertThat(empty.avgBitrateKbps()).isNull();
  }

  @Test
  void startupPercentilesAreNearestRankOverStartedSessions() {
    StartupTimes times = new StartupTimes();
    SESSIONS.forEach(times::add);

    assertThat(times.count()).isEqualTo(3); // 1000, 2000, 3000
    assertThat(times.percentile(50)).isEqualTo(2_000L);
    assertThat(times.percentile(95)).isEqualTo(3_000L);
    assertThat(times.percentile(1)).isEqualTo(1_000L);
  }

  @Test
  void percentileOfManyValues() {
    StartupTimes times = new StartupTimes();
    for (int vst = 100; vst >= 1; vst--) {
      times.add(session().at(0, PLAY_REQUEST).at(vst, FIRST_FRAME).close());
    }
    assertThat(times.percentile(50)).isEqualTo(50L);
    assertThat(times.percentile(95)).isEqualTo(95L);
    assertThat(times.percentile(100)).isEqualTo(100L);
    assertThat(new StartupTimes().percentile(50)).isNull();
  }
}
