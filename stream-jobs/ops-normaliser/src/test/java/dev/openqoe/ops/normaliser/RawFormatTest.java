package dev.openqoe.ops.normaliser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.delivery.CloudFrontRealtimeLog;
import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class RawFormatTest {

  @Test
  void everyFeedOfTheRegistryIsReadInAFormatOfItsOwn() {
    List<RawFormat> formats = RawFormat.forEveryFeed(CloudFrontRealtimeLog.documented());

    assertThat(formats).extracting(RawFormat::feed).isEqualTo(QoeTopics.OPS_FEEDS);
    assertThat(formats)
        .extracting(RawFormat::format)
        .containsExactly(
            "cloudfront_standard",
            "cloudfront_realtime",
            "cdn_json",
            "mediaconvert",
            "transcode_json",
            "drm_json");
  }

  @Test
  void aFeedWithoutAReaderStopsTheTopologyBeforeItsRecordsCouldGoUnread() {
    OpsFeed unread =
        new OpsFeed(
            "akamai",
            new QoeTopic<>("qoe.ops.raw.akamai", Serdes.String(), Serdes.ByteArray(), 1, "test"));

    assertThatThrownBy(() -> RawFormat.of(unread, CloudFrontRealtimeLog.documented()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the raw feed 'akamai' (qoe.ops.raw.akamai) has no reader: give it one in RawFormat");
  }
}
