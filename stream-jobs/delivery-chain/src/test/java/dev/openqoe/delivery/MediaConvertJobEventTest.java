package dev.openqoe.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import dev.openqoe.ops.PackagingJob;
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
    OpsInput read = MediaConvertJobEvent.read(ERROR_EVENT);

    assertThat(read)
        .isEqualTo(
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

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          truncated         | {"detail-type": "MediaConvert Job State Change", "detail": {   | not JSON
          not an object     | [1, 2]                                                          | an EventBridge event is a JSON object
          other event       | {"detail-type": "EC2 Instance State-change Notification"}       | 'detail-type' must be 'MediaConvert Job State Change'
          no detail         | {"detail-type": "MediaConvert Job State Change"}                | 'detail' must be an object
          unknown status    | {"detail-type": "MediaConvert Job State Change", "time": "2022-12-19T19:07:12Z", "detail": {"jobId": "j", "status": "EXPLODED"}} | 'status' must be one of
          no job id         | {"detail-type": "MediaConvert Job State Change", "time": "2022-12-19T19:07:12Z", "detail": {"status": "COMPLETE"}} | 'jobId' is required
          bad time          | {"detail-type": "MediaConvert Job State Change", "time": "yesterday", "detail": {"jobId": "j", "status": "COMPLETE"}} | 'time' must be epoch milliseconds or an ISO-8601 instant
          """)
  void refusesWhatIsNotAJobStateChangeWithTheReason(String name, String json, String reason) {
    OpsInput read = MediaConvertJobEvent.read(json);

    assertThat(read).isInstanceOf(OpsInput.Invalid.class);
    assertThat(((OpsInput.Invalid) read).reason()).startsWith(reason);
    assertThat(((OpsInput.Invalid) read).raw()).isEqualTo(json);
  }
}
