package dev.openqoe.ops.normaliser;

import dev.openqoe.delivery.CloudFrontStandardLog;
import dev.openqoe.delivery.DrmLicenseLog;
import dev.openqoe.delivery.MediaConvertJobEvent;
import dev.openqoe.delivery.OpsInput;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * One raw delivery-chain topic and how its records are read. Reading never throws: bytes that are
 * not UTF-8, an empty record, or a reader that fails all become refusals with the reason, so no
 * record stops the application.
 */
record RawFormat(
    QoeTopic<String, byte[]> topic, String format, Function<String, List<OpsInput>> reader) {

  static final List<RawFormat> ALL =
      List.of(
          new RawFormat(
              QoeTopics.OPS_RAW_CLOUDFRONT,
              CloudFrontStandardLog.FORMAT,
              CloudFrontStandardLog::read),
          new RawFormat(
              QoeTopics.OPS_RAW_MEDIACONVERT,
              MediaConvertJobEvent.FORMAT,
              record -> List.of(MediaConvertJobEvent.read(record))),
          new RawFormat(
              QoeTopics.OPS_RAW_DRM,
              DrmLicenseLog.FORMAT,
              line -> List.of(DrmLicenseLog.read(line))));

  List<OpsInput> read(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return List.of(new OpsInput.Invalid("", "an empty record"));
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
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
