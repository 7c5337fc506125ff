package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.CmcdReport;
import dev.openqoe.protocol.CmcdReportMode;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.Receipt;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sessionizer in Flink's keyed operator harness: beacons in sequence applied at once,
 * reordering after a gap, duplicates, closing, late beacons, and that every piece of state and
 * every timer of a key is gone after its session.
 */
class SessionizerFunctionTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final Duration REORDER = Duration.ofSeconds(5);
  private static final Duration INACTIVITY = Duration.ofSeconds(120);
  private static final Duration RETENTION = Duration.ofMinutes(30);

  private KeyedOneInputStreamOperatorTestHarness<String, IngestedBeacon, RowData> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new SessionizerFunction(REORDER, INACTIVITY, Duration.ofSeconds(10), RETENTION),
            beacon -> beacon.event().sessionId(),
            Types.STRING);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  @Test
  void completeSessionBecomesOneRowAndLeavesNoStateBehind() throws Exception {
    send(beacon("a", 0, EventType.PLAY_REQUEST, 0), 0);
    send(beacon("a", 1, EventType.FIRST_FRAME, 1_500), 1_500);
    send(beacon("a", 2, EventType.END, 31_500), 31_500);
    harness.processWatermark(T0 + 31_500 + REORDER.toMillis());

    List<RowData> sessions = harness.extractOutputValues();
    assertThat(sessions).hasSize(1);
    RowData session = sessions.get(0);
    assertThat(text(session, "session_id")).isEqualTo("a");
    assertThat(text(session, "ended_by")).isEqualTo("end");
    assertThat(text(session, "startup_outcome")).isEqualTo("started");
    assertThat(number(session, "vst_ms")).isEqualTo(1_500L);
    assertThat(number(session, "play_ms")).isEqualTo(30_000L);
    assertThat(text(session, "property_id")).isEqualTo("prop-1");
    assertThat(sideOutput(SessionizerFunction.INTERVALS)).hasSize(4); // 0-10-20-30 s of client time

    harness.processWatermark(T0 + 31_500 + REORDER.toMillis() + RETENTION.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void lowerSeqReceivedWithinTheBoundIsAppliedFirst() throws Exception {
    send(beacon("b", 1, EventType.FIRST_FRAME, 2_000), 100);
    send(beacon("b", 0, EventType.PLAY_REQUEST, 0), 3_000); // 2.9 s later, within 5 s
    send(beacon("b", 2, EventType.END, 12_000), 12_000);
    harness.processWatermark(T0 + 12_000 + REORDER.toMillis());

    RowData session = harness.extractOutputValues().get(0);
    assertThat(number(session, "vst_ms")).isEqualTo(2_000L);
    assertThat(sideOutput(SessionizerFunction.LATE)).isEmpty();
  }

  @Test
  void aSessionInSequenceLeavesOnItsEndBeaconWithoutWaitingForTheWatermark() throws Exception {
    send(beacon("s", 0, EventType.PLAY_REQUEST, 0), 0);
    send(beacon("s", 1, EventType.FIRST_FRAME, 1_000), 1_000);
    send(beacon("s", 2, EventType.END, 1_500), 1_500);

    List<RowData> sessions = harness.extractOutputValues();
    assertThat(sessions).hasSize(1);
    assertThat(text(sessions.get(0), "ended_by")).isEqualTo("end");
    assertThat(sideOutput(SessionizerFunction.INTERVALS)).isNotEmpty();
  }

  @Test
  void aBeaconAfterAGapWaitsUntilTheMissingOneArrives() throws Exception {
    send(beacon("t", 0, EventType.PLAY_REQUEST, 0), 0);
    send(beacon("t", 2, EventType.END, 1_500), 1_500);
    assertThat(harness.extractOutputValues()).as("seq 1 may still come").isEmpty();

    send(beacon("t", 1, EventType.FIRST_FRAME, 1_000), 1_600);
    List<RowData> sessions = harness.extractOutputValues();
    assertThat(sessions).hasSize(1);
    assertThat(number(sessions.get(0), "vst_ms")).isEqualTo(1_000L);
    assertThat(sideOutput(SessionizerFunction.LATE)).isEmpty();

    harness.processWatermark(T0 + 1_600 + RETENTION.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aRetriedBatchAfterTheSessionEndedIsDroppedAsDuplicatesNotLate() throws Exception {
    for (long receivedAt : new long[] {1_500, 4_000}) { // the player did not see the first answer
      send(beacon("r", 0, EventType.PLAY_REQUEST, 0), receivedAt);
      send(beacon("r", 1, EventType.FIRST_FRAME, 1_000), receivedAt);
      send(beacon("r", 2, EventType.END, 1_500), receivedAt);
    }
    send(beacon("r", 3, EventType.HEARTBEAT, 2_000), 5_000);

    assertThat(harness.extractOutputValues()).hasSize(1);
    List<RowData> late = sideOutput(SessionizerFunction.LATE);
    assertThat(late).hasSize(1);
    assertThat(WarehouseRows.LATE.nullableLong(late.get(0), "seq")).isEqualTo(3L);

    harness.processWatermark(T0 + 1_500 + RETENTION.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void duplicatesAreDroppedAndTheFirstWins() throws Exception {
    send(beacon("c", 1, EventType.FIRST_FRAME, 0).withBitrateOf(1_000), 0);
    send(beacon("c", 1, EventType.FIRST_FRAME, 0).withBitrateOf(9_000), 10); // pending duplicate
    harness.processWatermark(T0 + 6_000);
    send(beacon("c", 1, EventType.FIRST_FRAME, 0).withBitrateOf(9_000), 6_000); // applied one
    send(beacon("c", 2, EventType.END, 10_000), 10_000);
    harness.processWatermark(T0 + 20_000);

    RowData session = harness.extractOutputValues().get(0);
    assertThat(session.getDouble(WarehouseRows.SESSIONS.position("avg_bitrate_kbps")))
        .isEqualTo(1_000.0);
    assertThat(sideOutput(SessionizerFunction.LATE)).isEmpty();
  }

  @Test
  void beaconsAfterTheSessionClosedGoToLateBeaconsWithTheReason() throws Exception {
    send(beacon("d", 0, EventType.FIRST_FRAME, 0), 0);
    send(beacon("d", 1, EventType.END, 5_000), 5_000);
    harness.processWatermark(T0 + 11_000);
    send(beacon("d", 2, EventType.HEARTBEAT, 15_000), 15_000);

    List<RowData> late = sideOutput(SessionizerFunction.LATE);
    assertThat(late).hasSize(1);
    assertThat(WarehouseRows.LATE.string(late.get(0), "reason")).startsWith("after session end");
    assertThat(harness.extractOutputValues()).hasSize(1);

    harness.processWatermark(T0 + 11_000 + RETENTION.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void cmcdReportsArrivingOutOfOrderMakeOneSessionAndTrailingReportsAreNotLate() throws Exception {
    // Shaka: r, p at startup, arriving in the wrong order; e, a, e at the end.
    send(cmcd("g", 1, "p", 1_000), 1_900);
    send(cmcd("g", 0, "r", 300), 2_000);
    send(cmcd("g", 2, "e", 9_000), 9_100);
    send(cmcd("g", 3, "a", 9_050), 9_150); // pending when the session closes
    harness.processWatermark(T0 + 14_100);
    send(cmcd("g", 4, "e", 9_100), 15_000); // after the close

    List<RowData> sessions = harness.extractOutputValues();
    assertThat(sessions).hasSize(1);
    assertThat(number(sessions.get(0), "vst_ms")).isEqualTo(700L);
    assertThat(number(sessions.get(0), "play_ms")).isEqualTo(8_000L);
    assertThat(text(sessions.get(0), "ended_by")).isEqualTo("end");
    assertThat(sideOutput(SessionizerFunction.LATE)).isEmpty();

    harness.processWatermark(T0 + 15_000 + RETENTION.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void beaconBeyondTheReorderBoundIsLateAsOutOfOrder() throws Exception {
    send(beacon("e", 0, EventType.PLAY_REQUEST, 0), 0);
    send(beacon("e", 2, EventType.FIRST_FRAME, 2_000), 2_000);
    harness.processWatermark(T0 + 7_000);
    send(beacon("e", 1, EventType.HEARTBEAT, 1_000), 8_000);
    harness.processWatermark(T0 + 13_000);

    List<RowData> late = sideOutput(SessionizerFunction.LATE);
    assertThat(late).hasSize(1);
    assertThat(WarehouseRows.LATE.string(late.get(0), "reason")).startsWith("out of order");
  }

  @Test
  void silentSessionClosesAsTimeoutAtItsLastBeacon() throws Exception {
    send(beacon("f", 0, EventType.PLAY_REQUEST, 0), 0);
    send(beacon("f", 1, EventType.FIRST_FRAME, 800), 800);
    send(beacon("f", 2, EventType.HEARTBEAT, 10_800), 10_800);
    harness.processWatermark(T0 + 10_800 + INACTIVITY.toMillis() - 1);
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.processWatermark(T0 + 10_800 + INACTIVITY.toMillis());
    RowData session = harness.extractOutputValues().get(0);
    assertThat(text(session, "ended_by")).isEqualTo("timeout");
    assertThat(
            session.getTimestamp(WarehouseRows.SESSIONS.position("ended_at"), 6).getMillisecond())
        .isEqualTo(T0 + 10_800);
    assertThat(number(session, "play_ms")).isEqualTo(10_000L);

    harness.processWatermark(Long.MAX_VALUE);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void manyInterleavedSessionsAllCloseAndDrain() throws Exception {
    for (int i = 0; i < 50; i++) {
      String id = "m-" + i;
      send(beacon(id, 0, EventType.PLAY_REQUEST, i), i);
      send(beacon(id, 1, EventType.FIRST_FRAME, 1_000 + i), 1_000 + i);
      if (i % 2 == 0) {
        send(beacon(id, 2, EventType.END, 20_000 + i), 20_000 + i);
      }
    }
    harness.processWatermark(Long.MAX_VALUE);

    assertThat(harness.extractOutputValues()).hasSize(50);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private void send(TestBeacon beacon, long receivedOffset) throws Exception {
    long receivedAt = T0 + receivedOffset;
    harness.processElement(
        new StreamRecord<>(
            new IngestedBeacon(
                beacon.event(), Receipt.of(receivedAt, "prop-1", IngestSource.BEACON)),
            receivedAt));
  }

  private static TestBeacon beacon(String session, long seq, EventType type, long tsOffset) {
    return new TestBeacon(BeaconEvent.of(session, seq, type, T0 + tsOffset));
  }

  /** A CMCD event-mode report as the collector stores it: seq orders by report time, then sn. */
  private static TestBeacon cmcd(String session, long sn, String state, long tsOffset) {
    long ts = T0 + tsOffset;
    return new TestBeacon(
        BeaconEvent.ofCmcd(
            session,
            ts * 2048 + sn * 2,
            ts,
            new CmcdReport(CmcdReportMode.EVENT, sn, state, "ps", null)));
  }

  private <T> List<T> sideOutput(org.apache.flink.util.OutputTag<T> tag) {
    var records = harness.getSideOutput(tag);
    return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
  }

  private static String text(RowData row, String column) {
    return WarehouseRows.SESSIONS.string(row, column);
  }

  private static Long number(RowData row, String column) {
    return WarehouseRows.SESSIONS.nullableLong(row, column);
  }

  private record TestBeacon(BeaconEvent event) {
    TestBeacon withBitrateOf(int kbps) {
      return new TestBeacon(event.withBitrate(kbps));
    }
  }
}
