package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.Receipt;
import dev.openqoe.session.EndedBy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** closed_at and the ingest dimensions of recomputed sessions, as the sessionizer derives them. */
class RecomputedSessionsTest {

  private static final long T0 = 1_800_000_000_000L;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static IngestedBeacon beacon(
      String session, long seq, EventType type, long ts, long receivedAt, String country) {
    Receipt receipt =
        new Receipt(
            receivedAt,
            "prop",
            IngestSource.BEACON,
            null,
            country,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    return new IngestedBeacon(BeaconEvent.of(session, seq, type, T0 + ts), receipt);
  }

  private static Map<String, RecomputedSessions.Session> run(IngestedBeacon... beacons) {
    Map<String, RecomputedSessions.Session> sessions = new TreeMap<>();
    new RecomputedSessions(TIMEOUT, Duration.ofSeconds(10))
        .run(new ArrayList<>(List.of(beacons)), s -> sessions.put(s.id(), s));
    return sessions;
  }

  @Test
  void aSessionEndedByItsBeaconClosedWhenTheLatestOfItsBeaconsUpToTheEndWasReceived() {
    // the end (seq 2) arrived before seq 1: the stream held it until seq 1 came, 900 ms later
    var sessions =
        run(
            beacon("a", 0, EventType.PLAY_REQUEST, 0, T0 + 50, "DE"),
            beacon("a", 2, EventType.END, 2_000, T0 + 2_100, null),
            beacon("a", 1, EventType.FIRST_FRAME, 1_000, T0 + 3_000, "FR"));
    RecomputedSessions.Session a = sessions.get("a");
    assertThat(a.facts().endedBy()).isEqualTo(EndedBy.END);
    assertThat(a.closedAt()).isEqualTo(T0 + 3_000);
    assertThat(WarehouseRows.SESSIONS.string(a.row(), "country")).isEqualTo("FR");
    assertThat(a.intervals()).isNotEmpty();
  }

  @Test
  void aQuietSessionClosedOneTimeoutAfterItsLastBeaconWasReceived() {
    var sessions =
        run(
            beacon("b", 0, EventType.PLAY_REQUEST, 0, T0 + 40, null),
            beacon("b", 1, EventType.HEARTBEAT, 10_000, T0 + 10_040, null));
    assertThat(sessions.get("b").facts().endedBy()).isEqualTo(EndedBy.TIMEOUT);
    assertThat(sessions.get("b").closedAt()).isEqualTo(T0 + 10_040 + TIMEOUT.toMillis());
  }

  @Test
  void aGapLongerThanTheTimeoutClosesTheSessionWhenTheBeaconAfterItWasReceived() {
    var sessions =
        run(
            beacon("c", 0, EventType.PLAY_REQUEST, 0, T0 + 30, null),
            beacon("c", 1, EventType.HEARTBEAT, 200_000, T0 + 200_030, null),
            beacon("c", 2, EventType.END, 201_000, T0 + 201_030, null));
    RecomputedSessions.Session c = sessions.get("c");
    assertThat(c.facts().endedBy()).isEqualTo(EndedBy.TIMEOUT);
    assertThat(c.facts().endedAt()).isEqualTo(T0);
    assertThat(c.closedAt()).isEqualTo(T0 + 200_030);
  }

  @Test
  void ofTwoCopiesOfABeaconTheFirstReceivedWins() {
    var sessions =
        run(
            beacon("d", 0, EventType.PLAY_REQUEST, 0, T0 + 20, null),
            beacon("d", 1, EventType.END, 5_000, T0 + 9_000, "US"),
            beacon("d", 1, EventType.END, 5_000, T0 + 5_020, "BR"));
    assertThat(sessions.get("d").closedAt()).isEqualTo(T0 + 5_020);
    assertThat(WarehouseRows.SESSIONS.string(sessions.get("d").row(), "country")).isEqualTo("BR");
  }
}
