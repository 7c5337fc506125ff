package dev.openqoe.bench.path;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Rows the pipeline wrote to {@code qoe.sessions.v1} and {@code qoe.intervals.v1} in an earlier
 * phase of the run, kept to be written again for Pinot alone, and how many rows of each the
 * pipeline makes per beacon: one session row per pool session, and the interval rows per beacon of
 * the sessions it closed, whose beacons the pool knows. (The sessions a short phase closes are the
 * short ones; their interval rows per beacon hold for long ones too, their count per beacon does
 * not.)
 */
final class RowPool {

  static final String SESSIONS = "qoe.sessions.v1";
  static final String INTERVALS = "qoe.intervals.v1";
  private static final byte[] ID_FIELD = "\"session_id\":\"".getBytes(StandardCharsets.US_ASCII);

  /** A row as JSON, with where its session id's text is. */
  record Row(byte[] json, int idStart, int idEnd) {

    String sessionId() {
      return new String(json, idStart, idEnd - idStart, StandardCharsets.UTF_8);
    }

    /** The row with {@code suffix} appended to its session id. */
    byte[] withSuffix(byte[] suffix) {
      byte[] copy = new byte[json.length + suffix.length];
      System.arraycopy(json, 0, copy, 0, idEnd);
      System.arraycopy(suffix, 0, copy, idEnd, suffix.length);
      System.arraycopy(json, idEnd, copy, idEnd + suffix.length, json.length - idEnd);
      return copy;
    }
  }

  private final List<Row> sessions;
  private final List<Row> intervals;
  private final double sessionsPerBeacon;
  private final double intervalsPerBeacon;

  RowPool(
      List<Row> sessions,
      List<Row> intervals,
      double sessionsPerBeacon,
      double intervalsPerBeacon) {
    this.sessions = List.copyOf(sessions);
    this.intervals = List.copyOf(intervals);
    this.sessionsPerBeacon = sessionsPerBeacon;
    this.intervalsPerBeacon = intervalsPerBeacon;
  }

  /**
   * Reads up to {@code max} rows of each topic (committed ones only, as Pinot reads them) from
   * {@code bootstrap}; fails when the pipeline closed no session of the pool.
   */
  static RowPool capture(String bootstrap, SessionPool pool, int max) {
    List<Row> sessions = read(bootstrap, SESSIONS, max);
    List<Row> intervals = read(bootstrap, INTERVALS, max);
    Set<String> closed = new HashSet<>();
    long beacons = 0;
    for (Row row : sessions) {
      int index = pool.indexOf(row.sessionId());
      if (index >= 0 && closed.add(row.sessionId())) {
        beacons += pool.session(index).beacons();
      }
    }
    if (beacons == 0) {
      throw new IllegalStateException(
          "the pipeline closed no session in the phase before: no rows to feed Pinot with");
    }
    long closedIntervals =
        intervals.stream().filter(row -> closed.contains(row.sessionId())).count();
    return new RowPool(
        sessions, intervals, pool.sessionsPerBeacon(), (double) closedIntervals / beacons);
  }

  private static List<Row> read(String bootstrap, String topic, int max) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<Row> rows = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (rows.size() < max && System.nanoTime() < deadline && !caughtUp(consumer, ends)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          Row row = row(record.value());
          if (row != null && rows.size() < max) {
            rows.add(row);
          }
        }
      }
    }
    return rows;
  }

  private static boolean caughtUp(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    // Transaction markers take offsets too: a partition is read once the position passed the
    // last record's offset, whether or not the marker after it was counted.
    return ends.entrySet().stream()
        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue() - 1);
  }

  /** The row, or null when it has no session id (not a row of ours). */
  static Row row(byte[] json) {
    int at = indexOf(json, ID_FIELD);
    if (at < 0) {
      return null;
    }
    int start = at + ID_FIELD.length;
    int end = start;
    while (end < json.length && json[end] != '"') {
      end++;
    }
    return end < json.length ? new Row(json, start, end) : null;
  }

  private static int indexOf(byte[] text, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= text.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (text[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  List<Row> sessions() {
    return sessions;
  }

  List<Row> intervals() {
    return intervals;
  }

  double sessionsPerBeacon() {
    return sessionsPerBeacon;
  }

  double intervalsPerBeacon() {
    return intervalsPerBeacon;
  }
}
