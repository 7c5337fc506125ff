package dev.openqoe.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import dev.openqoe.ops.PackagingJob;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaConvertJobEventTest {

  /** AWS's example of an ERROR state change, with the metadata our job submitter sets. */
  static final String ERROR_EVENT =
      """
      {"version": "0", "id": "1234abcd-12ab-34cd-56ef-1234567890ab",
       "detail-type": "MediaConvert Job State Change", "source": "aws.mediaconvert",
       "account": "111122223333", "time": "2022-12-19T19:07:12Z", "region": "us-west-2",
       "resources": ["arn:aws:mediaconvert:us-west-2::jobs/1671476818694-phptj0"],
       "detail": {"timestamp": 1671476832124, "accountId": "111122223333",
         "queue": "arn:aws:mediaconvert:us-west-2:111122223333:queues/Default",
         "jobId": "1671476818694-phptj0", "status": "ERROR", "errorCode": 1040,
         "errorMessage": "Example error message",
         "userMetadata": {"content_id": "asset-42", "rendition": "1080p"}}}
      """;

  @Test
  void readsAFailedJobWithItsCodeContentAndRendition() {
    List<OpsInput> read = MediaConvertJobEvent.read(ERROR_EVENT);

    assertThat(read)
        .containsExactly(
            new OpsInput.Valid(
                new OpsEvent(
                    OpsSource.TRANSCODE,
                    "mediaconvert",
                    1_671_476_832_124L,
                    null,
                    "asset-42",
                    null,
                    new PackagingJob("transcode", "1671476818694-phptj0", "error", "1080p", null),
                    null,
                    "1040",
                    "Example error message"),
                ERROR_EVENT));
  }

  /**
   * AWS's example of a COMPLETE event for an Apple HLS group (two renditions), with a CMAF group of
   * the same ladder and an audio output beside it, for a job that made the whole ladder.
   */
  static final String LADDER_COMPLETE =
      """
      {"version": "0", "detail-type": "MediaConvert Job State Change",
       "source": "aws.mediaconvert", "time": "2018-09-14T21:54:31Z", "region": "us-west-2",
       "detail": {"status": "COMPLETE", "timestamp": 1536964380391,
         "jobId": "1536964333549-opn151", "userMetadata": {"content_id": "asset-7"},
         "outputGroupDetails": [
           {"outputDetails": [
              {"outputFilePaths": ["s3://amzn-s3-demo-bucket/hls/mainv2.m3u8"],
               "durationInMs": 180041, "videoDetails": {"widthInPx": 426, "heightInPx": 240}},
              {"outputFilePaths": ["s3://amzn-s3-demo-bucket/hls/mainv1.m3u8"],
               "durationInMs": 180041, "videoDetails": {"widthInPx": 1280, "heightInPx": 720}},
              {"outputFilePaths": ["s3://amzn-s3-demo-bucket/hls/main_audio.m3u8"],
               "durationInMs": 180041}],
            "type": "HLS_GROUP", "playlistFilePaths": ["s3://amzn-s3-demo-bucket/hls/main.m3u8"]},
           {"outputDetails": [
              {"durationInMs": 180041, "videoDetails": {"widthInPx": 1280, "heightInPx": 720}},
              {"durationInMs": 180041}],
            "type": "CMAF_GROUP", "playlistFilePaths": ["s3://amzn-s3-demo-bucket/cmaf/1.mpd"]}],
         "warnings": [{"code": 0, "count": 1}]}}
      """;

  @Test
  void aCompletedLadderIsOneEventPerRenditionWrittenEachOnce() {
    List<OpsInput> read = MediaConvertJobEvent.read(LADDER_COMPLETE);

    assertThat(read).allMatch(OpsInput.Valid.class::isInstance);
    assertThat(read)
        .extracting(input -> ((OpsInput.Valid) input).event())
        .extracting(OpsEvent::contentId, e -> e.job().status(), e -> e.job().rendition())
        .containsExactly(
            tuple("asset-7", "complete", "240p"),
            tuple("asset-7", "complete", "720p"),
            tuple("asset-7", "complete", "main_audio"),
            tuple("asset-7", "complete", "output-2.2"));
  }

  @Test
  void aJobOfOneRenditionStaysThatRenditionsWhateverItWrote() {
    String oneRendition =
        LADDER_COMPLETE.replace(
            "{\"content_id\": \"asset-7\"}",
            "{\"content_id\": \"asset-7\", \"rendition\": \"1200k\"}");

    List<OpsInput> read = MediaConvertJobEvent.read(oneRendition);

    assertThat(read).hasSize(1);
    assertThat(((OpsInput.Valid) read.get(0)).event().job().rendition()).isEqualTo("1200k");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          truncated         | {"detail-type": "MediaConvert Job State Change", "detail": {   | not JSON
          not an object     | "COMPLETE"                                                      | an EventBridge event is a JSON object, got string
          other event       | {"detail-type": "EC2 Instance State-change Notification"}       | 'detail-type' must be 'MediaConvert Job State Change'
          no detail         | {"detail-type": "MediaConvert Job State Change"}                | 'detail' must be an object
          unknown status    | {"detail-type": "MediaConvert Job State Change", "time": "2022-12-19T19:07:12Z", "detail": {"jobId": "j", "status": "EXPLODED"}} | 'status' must be one of
          no job id         | {"detail-type": "MediaConvert Job State Change", "time": "2022-12-19T19:07:12Z", "detail": {"status": "COMPLETE"}} | 'jobId' is required
          bad time          | {"detail-type": "MediaConvert Job State Change", "time": "yesterday", "detail": {"jobId": "j", "status": "COMPLETE"}} | 'time' must be epoch milliseconds or an ISO-8601 instant
          """)
  void refusesWhatIsNotAJobStateChangeWithTheReason(String name, String json, String reason) {
    List<OpsInput> read = MediaConvertJobEvent.read(json);

    assertThat(read).hasSize(1).first().isInstanceOf(OpsInput.Invalid.class);
    assertThat(((OpsInput.Invalid) read.get(0)).reason()).startsWith(reason);
    assertThat(((OpsInput.Invalid) read.get(0)).raw()).isEqualTo(json);
  }
}
