package dev.openqoe.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.SessionDimensions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A session restored from its snapshot after any beacon carries on exactly like the original. */
class SessionSnapshotTest {

  @Test
  void restoringAfterEveryBeaconChangesNothing() throws IOException {
    Random random = new Random(5);
    EventType[] types = EventType.values();
    for (int run = 0; run < 300; run++) {
      SessionScript script =
          SessionScript.session()
              .withDimensions(
                  0,
                  new SessionDimensions(
                      "v", "a", null, "p", null, "tv", null, null, "cdn", null, Map.of("k", "v")));
      long ts = 0;
      for (int i = 0; i < 1 + random.nextInt(30); i++) {
        ts += random.nextInt(20_000) - 1_000;
        EventType type = types[random.nextInt(types.length)];
        if (type == EventType.CMCD) {
          script.randomCmcd(ts, random);
        } else if (type == EventType.ERROR) {
          script.error(ts, random.nextInt(8) == 0, ErrorCategory.values()[random.nextInt(2)]);
        } else if (type == EventType.BITRATE_CHANGE || type == EventType.FIRST_FRAME) {
          script.at(ts, type, 100 + random.nextInt(9_000));
        } else {
          script.at(ts, type);
        }
      }

      SessionAccumulator original = newSession();
      SessionAccumulator restored = newSession();
      List<Object> originalOut = new ArrayList<>();
      List<Object> restoredOut = new ArrayList<>();
      for (BeaconEvent beacon : script.beacons()) {
        originalOut.add(original.offer(beacon));
        originalOut.addAll(original.drainIntervals());
        restored = roundTrip(restored);
        restoredOut.add(restored.offer(beacon));
        restoredOut.addAll(restored.drainIntervals());
      }
      originalOut.add(original.close());
      originalOut.addAll(original.drainIntervals());
      restored = roundTrip(restored);
      restoredOut.add(restored.close());
      restoredOut.addAll(restored.drainIntervals());

      assertThat(restoredOut).isEqualTo(originalOut);
    }
  }

  @Test
  void snapshotOfATypicalSessionIsWellUnderOneKibibyte() throws IOException {
    SessionAccumulator session = newSession();
    SessionScript.session()
        .withDimensions(
            0,
            new SessionDimensions(
                "viewer-0042",
                "asset-12345",
                dev.openqoe.protocol.StreamType.VOD,
                "shaka-player",
                "4.11.2",
                "smart_tv",
                "Tizen",
                "7.1.0",
                "cdn-a.example",
                "widevine",
                Map.of("tier", "premium", "experiment", "abr-v2")))
        .at(100, EventType.PLAY_REQUEST)
        .at(900, EventType.FIRST_FRAME, 4500)
        .beacons()
        .forEach(session::offer);
    session.drainIntervals();

    assertThat(snapshot(session).length).isLessThan(512);
  }

  @Test
  void snapshotWithUndrainedIntervalsIsRefused() {
    SessionAccumulator session = newSession();
    session.offer(BeaconEvent.of("s-1", 0, EventType.FIRST_FRAME, 0));
    session.offer(BeaconEvent.of("s-1", 1, EventType.HEARTBEAT, 25_000));

    assertThatThrownBy(() -> snapshot(session)).hasMessageContaining("not drained");
  }

  @Test
  void aSnapshotOfTheReleaseBeforeCmcdReportsIsStillRead() throws IOException {
    byte[] current = snapshot(startedSession());
    // Version 1 is version 3 without its last two fields: the CMCD event-mode flag and whether the
    // numbering had no gap, read as neither.
    byte[] version1 = Arrays.copyOf(current, current.length - 2);
    version1[0] = 1;

    SessionAccumulator restored =
        SessionAccumulator.readFrom(new DataInputStream(new ByteArrayInputStream(version1)));

    assertThat(snapshot(restored)).isEqualTo(withoutGaplessNumbering(current));
  }

  @Test
  void aSnapshotOfTheReleaseBeforeGaplessNumberingIsStillRead() throws IOException {
    byte[] current = snapshot(startedSession());
    byte[] version2 = Arrays.copyOf(current, current.length - 1);
    version2[0] = 2;

    SessionAccumulator restored =
        SessionAccumulator.readFrom(new DataInputStream(new ByteArrayInputStream(version2)));

    assertThat(snapshot(restored)).isEqualTo(withoutGaplessNumbering(current));
    assertThat(restored.appliedThrough())
        .as("repeats are then out of order, as before")
        .isEqualTo(-1);
  }

  private static SessionAccumulator startedSession() {
    SessionAccumulator session = newSession();
    SessionScript.session()
        .at(100, EventType.PLAY_REQUEST)
        .at(900, EventType.FIRST_FRAME, 4500)
        .beacons()
        .forEach(session::offer);
    session.drainIntervals();
    assertThat(session.appliedThrough()).isEqualTo(1);
    return session;
  }

  private static byte[] withoutGaplessNumbering(byte[] snapshot) {
    byte[] copy = snapshot.clone();
    copy[copy.length - 1] = 0;
    return copy;
  }

  private static SessionAccumulator newSession() {
    return new SessionAccumulator("s-1", Duration.ofSeconds(60), Duration.ofSeconds(10));
  }

  private static SessionAccumulator roundTrip(SessionAccumulator session) throws IOException {
    return SessionAccumulator.readFrom(
        new DataInputStream(new ByteArrayInputStream(snapshot(session))));
  }

  private static byte[] snapshot(SessionAccumulator session) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    session.writeTo(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
