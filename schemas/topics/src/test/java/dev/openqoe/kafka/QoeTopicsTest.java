package dev.openqoe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.Receipt;
import dev.openqoe.protocol.RejectedBeacon;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class QoeTopicsTest {

  @Test
  void declaresEachTopicOnceUnderItsVersionedName() {
    assertThat(QoeTopics.ALL)
        .extracting(QoeTopic::name)
        .containsExactly(
            "qoe.beacons.v1",
            "qoe.beacons.dlq",
            "qoe.sessions.v1",
            "qoe.intervals.v1",
            "qoe.session-delivery.v1",
            "qoe.ops.raw.cloudfront",
            "qoe.ops.raw.cloudfront-realtime",
            "qoe.ops.raw.cdn",
            "qoe.ops.raw.mediaconvert",
            "qoe.ops.raw.transcode",
            "qoe.ops.raw.drm",
            "qoe.ops.events.v1",
            "qoe.ops.dlq",
            "qoe.ops.health.v1",
            "qoe.slo.alerts.v1")
        .doesNotHaveDuplicates();
    assertThat(QoeTopics.byName("qoe.beacons.dlq")).contains(QoeTopics.BEACONS_DLQ);
    assertThat(QoeTopics.byName("qoe.unknown")).isEmpty();
  }

  @Test
  void everyRawOpsTopicIsOneFeedReachableByItsName() {
    assertThat(QoeTopics.OPS_FEEDS.stream().map(feed -> feed.topic().name()))
        .containsExactlyInAnyOrderElementsOf(
            QoeTopics.ALL.stream()
                .map(QoeTopic::name)
                .filter(name -> name.startsWith("qoe.ops.raw."))
                .toList());
    assertThat(QoeTopics.opsFeed("cloudfront-realtime"))
        .map(OpsFeed::topic)
        .contains(QoeTopics.OPS_RAW_CLOUDFRONT_REALTIME);
    assertThat(QoeTopics.opsFeed("qoe.ops.raw.cdn")).isEmpty();
  }

  @Test
  void beaconsTopicRoundTripsKeysAndValues() {
    IngestedBeacon beacon =
        new IngestedBeacon(
            BeaconEvent.of("s-1", 3, EventType.PAUSE, 10),
            Receipt.of(11, "p", IngestSource.BEACON));
    var topic = QoeTopics.BEACONS;

    assertThat(topic.deserializeValue(topic.serializeValue(beacon))).isEqualTo(beacon);
    assertThat(topic.deserializeKey(topic.serializeKey("s-1"))).isEqualTo("s-1");
    assertThat(topic.serializeValue(null)).isNull();
  }

  @Test
  void dlqTopicRoundTripsRejections() {
    RejectedBeacon rejected =
        new RejectedBeacon(
            "{}", "field 'v': is required", "v", 0, "p", 1, IngestSource.BEACON, null, null);
    var topic = QoeTopics.BEACONS_DLQ;

    assertThat(topic.deserializeValue(topic.serializeValue(rejected))).isEqualTo(rejected);
  }

  @Test
  void readingAnotherFormatFailsWithTheTopicName() {
    assertThatThrownBy(() -> QoeTopics.BEACONS.deserializeValue(new byte[] {(byte) 0xff}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("qoe.beacons.v1");
  }
}
