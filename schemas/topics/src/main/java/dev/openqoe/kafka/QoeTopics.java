package dev.openqoe.kafka;

import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.IngestedBeaconAvro;
import dev.openqoe.protocol.RejectedBeacon;
import dev.openqoe.protocol.RejectedBeaconAvro;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every Kafka topic of OpenQoE. Topic names appear nowhere else in the code base: components take
 * them, and their serdes, from here.
 */
public final class QoeTopics {

  /** Valid beacons, keyed by session id so one session stays in order in one partition. */
  public static final QoeTopic<String, IngestedBeacon> BEACONS =
      new QoeTopic<>(
          "qoe.beacons.v1",
          Serdes.String(),
          AvroSerde.of(IngestedBeaconAvro::encode, IngestedBeaconAvro::decode),
          6,
          "valid protocol-v1 beacons with their receipt (Avro ingested_beacon), key session_id");

  /** Input the collector rejected, with the reason; keyed by property id. */
  public static final QoeTopic<String, RejectedBeacon> BEACONS_DLQ =
      new QoeTopic<>(
          "qoe.beacons.dlq",
          Serdes.String(),
          AvroSerde.of(RejectedBeaconAvro::encode, RejectedBeaconAvro::decode),
          1,
          "rejected beacons with payload and reason (Avro rejected_beacon), key property_id");

  /**
   * Closed sessions for the real-time layer: one JSON object per session with the columns of
   * dwd.sessions (timestamps as epoch milliseconds), written in Kafka transactions by the pipeline,
   * so consumers read with isolation.level=read_committed. JSON because Pinot ingests it natively.
   */
  public static final QoeTopic<String, String> SESSIONS =
      new QoeTopic<>(
          "qoe.sessions.v1",
          Serdes.String(),
          Serdes.String(),
          6,
          "closed sessions as JSON with the columns of dwd.sessions, key session_id");

  /**
   * Per-interval session facts, like {@link #SESSIONS} but with the columns of
   * dwd.session_intervals.
   */
  public static final QoeTopic<String, String> INTERVALS =
      new QoeTopic<>(
          "qoe.intervals.v1",
          Serdes.String(),
          Serdes.String(),
          6,
          "per-interval session facts as JSON with the columns of dwd.session_intervals, key session_id");

  public static final List<QoeTopic<?, ?>> ALL = List.of(BEACONS, BEACONS_DLQ, SESSIONS, INTERVALS);

  private QoeTopics() {}

  public static Optional<QoeTopic<?, ?>> byName(String name) {
    return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
  }
}
