package dev.openqoe.session;

import static dev.openqoe.protocol.EventType.END;
import static dev.openqoe.protocol.EventType.FIRST_FRAME;
import static dev.openqoe.protocol.EventType.HEARTBEAT;
import static dev.openqoe.protocol.EventType.PAUSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.PlaybackError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Beacons a session refuses, and the reasons it gives. */
class BeaconVerdictTest {

  private final SessionAccumulator session = new SessionAccumulator("s", Duration.ofSeconds(120));

  @Test
  void repeatedSeqIsADuplicateAndTheFirstWins() {
    assertThat(session.offer(BeaconEvent.of("s", 0, FIRST_FRAME, 0).withBitrate(1000)))
        .isEqualTo(BeaconVerdict.APPLIED);
    assertThat(session.offer(BeaconEvent.of("s", 0, FIRST_FRAME, 0).withBitrate(9000)))
        .isEqualTo(BeaconVerdict.DUPLICATE);
    session.offer(BeaconEvent.of("s", 1, END, 1_000));

    assertThat(session.close().avgBitrateKbps()).isEqualTo(1000.0);
  }

  @Test
  void lowerSeqAfterAHigherOneIsOutOfOrder() {
    session.offer(BeaconEvent.of("s", 5, FIRST_FRAME, 0));

    assertThat(session.offer(BeaconEvent.of("s", 3, PAUSE, 100)))
        .isEqualTo(BeaconVerdict.OUT_OF_ORDER);
    assertThat(session.state()).isEqualTo(PlaybackState.PLAYING);
  }

  @Test
  void beaconsAfterEndAreRefusedAndChangeNothing() {
    session.offer(BeaconEvent.of("s", 0, FIRST_FRAME, 0));
    session.offer(BeaconEvent.of("s", 1, END, 1_000));

    assertThat(session.offer(BeaconEvent.of("s", 2, HEARTBEAT, 5_000)))
        .isEqualTo(BeaconVerdict.AFTER_END);
    assertThat(session.offer(BeaconEvent.of("s", 1, END, 1_000)))
        .isEqualTo(BeaconVerdict.DUPLICATE);
    SessionFacts facts = session.close();
    assertThat(facts.endedAt()).isEqualTo(1_000);
    assertThat(facts.playMs()).isEqualTo(1_000);
  }

  @Test
  void fatalErrorEndsTheSession() {
    session.offer(BeaconEvent.of("s", 0, FIRST_FRAME, 0));
    session.offer(
        BeaconEvent.of("s", 1, dev.openqoe.protocol.EventType.ERROR, 10)
            .withError(new PlaybackError("x", true, ErrorCategory.TECHNICAL)));

    assertThat(session.isClosed()).isTrue();
    assertThat(session.offer(BeaconEvent.of("s", 2, HEARTBEAT, 20)))
        .isEqualTo(BeaconVerdict.AFTER_END);
  }

  @Test
  void gapLongerThanTheInactivityTimeoutClosesTheSessionAtTheEarlierBeacon() {
    session.offer(BeaconEvent.of("s", 0, FIRST_FRAME, 0));
    session.offer(BeaconEvent.of("s", 1, HEARTBEAT, 120_000)); // exactly the timeout: still open

    assertThat(session.offer(BeaconEvent.of("s", 2, HEARTBEAT, 240_001)))
        .isEqualTo(BeaconVerdict.AFTER_TIMEOUT);
    assertThat(session.offer(BeaconEvent.of("s", 3, END, 240_002)))
        .isEqualTo(BeaconVerdict.AFTER_TIMEOUT);
    SessionFacts facts = session.close();
    assertThat(facts.endedBy()).isEqualTo(EndedBy.TIMEOUT);
    assertThat(facts.endedAt()).isEqualTo(120_000);
    assertThat(facts.playMs()).isEqualTo(120_000);
  }

  @Test
  void everyRefusalHasAReason() {
    for (BeaconVerdict verdict : BeaconVerdict.values()) {
      assertThat(verdict.reason() == null).isEqualTo(verdict.applied());
    }
  }

  @Test
  void beaconOfAnotherSessionIsAProgrammingError() {
    assertThatThrownBy(() -> session.offer(BeaconEvent.of("other", 0, FIRST_FRAME, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closingASessionWithoutBeaconsIsAProgrammingError() {
    assertThatThrownBy(session::close).isInstanceOf(IllegalStateException.class);
  }
}
