package dev.openqoe.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.EventType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A session's numbering: which beacons come after a gap (lower ones may still come), and which
 * lower ones are repeats.
 */
class UnbrokenSequenceTest {

  private final SessionAccumulator session =
      new SessionAccumulator("s", Duration.ofSeconds(120), Duration.ofSeconds(10));

  @Test
  void aNewSessionStartsAtSeqZero() {
    assertThat(session.afterGap(0)).isFalse();
    assertThat(session.afterGap(1)).isTrue();
  }

  @Test
  void theNextSeqAndRepeatsComeAfterNoGap() {
    session.offer(BeaconEvent.of("s", 0, EventType.PLAY_REQUEST, 1_000));
    session.offer(BeaconEvent.of("s", 1, EventType.FIRST_FRAME, 2_000));

    assertThat(session.afterGap(2)).isFalse();
    assertThat(session.afterGap(1)).as("a retry").isFalse();
    assertThat(session.afterGap(0)).as("an older retry").isFalse();
    assertThat(session.afterGap(3)).as("seq 2 may still come").isTrue();
  }

  @Test
  void aGapTheSessionMovedPastIsForgotten() {
    session.offer(BeaconEvent.of("s", 0, EventType.PLAY_REQUEST, 1_000));
    session.offer(BeaconEvent.of("s", 5, EventType.FIRST_FRAME, 2_000));

    assertThat(session.afterGap(6)).isFalse();
    assertThat(session.afterGap(7)).isTrue();
  }

  @Test
  void aRepeatOfAnAppliedSeqIsADuplicateWhileTheNumberingHasNoGap() {
    session.offer(BeaconEvent.of("s", 0, EventType.PLAY_REQUEST, 1_000));
    session.offer(BeaconEvent.of("s", 1, EventType.FIRST_FRAME, 2_000));
    session.offer(BeaconEvent.of("s", 2, EventType.HEARTBEAT, 12_000));

    assertThat(session.appliedThrough()).isEqualTo(2);
    assertThat(session.offer(BeaconEvent.of("s", 0, EventType.PLAY_REQUEST, 1_000)))
        .isEqualTo(BeaconVerdict.DUPLICATE);
  }

  @Test
  void afterAGapALowerSeqMayBeALostBeaconAndIsOutOfOrder() {
    session.offer(BeaconEvent.of("s", 0, EventType.PLAY_REQUEST, 1_000));
    session.offer(BeaconEvent.of("s", 2, EventType.FIRST_FRAME, 2_000));

    assertThat(session.appliedThrough()).isEqualTo(-1);
    assertThat(session.offer(BeaconEvent.of("s", 1, EventType.HEARTBEAT, 1_500)))
        .isEqualTo(BeaconVerdict.OUT_OF_ORDER);
    assertThat(session.offer(BeaconEvent.of("s", 2, EventType.FIRST_FRAME, 2_000)))
        .isEqualTo(BeaconVerdict.DUPLICATE);
  }
}
