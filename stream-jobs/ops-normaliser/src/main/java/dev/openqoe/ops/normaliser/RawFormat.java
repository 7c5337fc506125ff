package dev.openqoe.ops.normaliser;

import dev.openqoe.delivery.CdnJsonLog;
import dev.openqoe.delivery.CloudFrontRealtimeLog;
import dev.openqoe.delivery.CloudFrontStandardLog;
import dev.openqoe.delivery.DrmLicenseLog;
import dev.openqoe.delivery.MediaConvertJobEvent;
import dev.openqoe.delivery.OpsInput;
import dev.openqoe.delivery.TranscodeJsonEvent;
import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.StrictUtf8;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * One raw delivery-chain feed and how its records are read. Reading never throws: bytes that are
 * not UTF-8, an empty record, or a reader that fails all become refusals with the reason, so no
 * record stops the application.
 */
record RawFormat(OpsFeed feed, String format, Function<String, List<OpsInput>> reader) {

  /**
   * Every feed of {@link QoeTopics#OPS_FEEDS} with its reader, so the normaliser reads every topic
   * producers may write to.
   *
   * @param realtime the fields of CloudFront real-time log lines, as configured
   * @throws IllegalStateException when a feed has no reader here: a feed added to the registry
   *     without one must not start an application that would leave its records unread
   */
  static List<RawFormat> forEveryFeed(CloudFrontRealtimeLog realtime) {
    return QoeTopics.OPS_FEEDS.stream().map(feed -> of(feed, realtime)).toList();
  }

  static RawFormat of(OpsFeed feed, CloudFrontRealtimeLog realtime) {
    return switch (feed.name()) {
      case "cloudfront" ->
          new RawFormat(feed, CloudFrontStandardLog.FORMAT, CloudFrontStandardLog::read);
      case "cloudfront-realtime" ->
          new RawFormat(feed, CloudFrontRealtimeLog.FORMAT, realtime::read);
      case "cdn" -> new RawFormat(feed, CdnJsonLog.FORMAT, CdnJsonLog::read);
      case "mediaconvert" ->
          new RawFormat(feed, MediaConvertJobEvent.FORMAT, MediaConvertJobEvent::read);
      case "transcode" -> new RawFormat(feed, TranscodeJsonEvent.FORMAT, TranscodeJsonEvent::read);
      case "drm" -> new RawFormat(feed, DrmLicenseLog.FORMAT, DrmLicenseLog::read);
      default ->
          throw new IllegalStateException(
              "the raw feed '"
                  + feed.name()
                  + "' ("
                  + feed.topic().name()
                  + ") has no reader: give it one in RawFormat");
    };
  }

  QoeTopic<String, byte[]> topic() {
    return feed.topic();
  }

  List<OpsInput> read(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return List.of(new OpsInput.Invalid("", "an empty record"));
    }
    String text;
    try {
      text = StrictUtf8.decode(bytes);
    } catch (CharacterCodingException e) {
      return List.of(
          new OpsInput.Invalid(
              new String(bytes, StandardCharsets.UTF_8), "not UTF-8 text: " + e.getMessage()));
    }
    try {
      return reader.apply(text);
    } catch (RuntimeException e) {
      // A reader's bug must not stop the stream: the record goes to the DLQ with what happened.
      return List.of(new OpsInput.Invalid(text, "could not be read as " + format + ": " + e));
    }
  }
}
