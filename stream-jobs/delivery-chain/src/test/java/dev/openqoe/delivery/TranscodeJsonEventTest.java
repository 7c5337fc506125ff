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

class TranscodeJsonEventTest {

  /** The form's documented example: a ladder whose 1080p rendition failed. */
  static final String FAILED_LADDER =
      """
      {"time": "2026-12-05T10:00:00Z", "content_id": "asset-7", "job_id": "enc-1234",
       "stage": "transcode", "status": "error", "started_at": "2026-12-05T09:58:00Z",
       "error_code": "ENC_GPU_FAULT", "error_message": "encoder lost its GPU",
       "renditions": [
         {"name": "1080p", "width": 1920, "height": 1080, "bitrate_kbps": 6000},
         {"name": "720p", "status": "complete", "duration_ms": 95000},
         {"name": "360p", "status": "complete"}]}
      """;

  @Test
  void aLadderIsOneEventPerRenditionWithTheJobsOutcomeWhereItSaysNothingElse() {
    List<OpsInput> read = TranscodeJsonEvent.read(FAILED_LADDER);

    assertThat(read).allMatch(OpsInput.Valid.class::isInstance);
    assertThat(read)
        .extracting(input -> ((OpsInput.Valid) input).event())
        .extracting(OpsEvent::job, OpsEvent::errorCode)
        .containsExactly(
            tuple(
                new PackagingJob("transcode", "enc-1234", "error", "1080p", 120_000L),
                "ENC_GPU_FAULT"),
            tuple(new PackagingJob("transcode", "enc-1234", "complete", "720p", 95_000L), null),
            tuple(new PackagingJob("transcode", "enc-1234", "complete", "360p", 120_000L), null));
    OpsEvent first = ((OpsInput.Valid) read.get(0)).event();
    assertThat(first.source()).isEqualTo(OpsSource.TRANSCODE);
    assertThat(first.format()).isEqualTo("transcode_json");
    assertThat(first.contentId()).isEqualTo("asset-7");
    assertThat(first.eventTime()).isEqualTo(1_796_464_800_000L);
    assertThat(first.errorMessage()).isEqualTo("encoder lost its GPU");
  }

  @Test
  void aJobWithoutALadderIsOneEventAboutTheWholeJob() {
    String packaged =
        "{\"time\": 1796464800000, \"content_id\": \"asset-7\", \"job_id\": \"pkg-9\","
            + " \"stage\": \"PACKAGE\", \"status\": \"complete\", \"duration_ms\": 4200}";

    assertThat(TranscodeJsonEvent.read(packaged))
        .extracting(input -> ((OpsInput.Valid) input).event().job())
        .containsExactly(new PackagingJob("package", "pkg-9", "complete", null, 4_200L));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no content        | {"time": 1, "job_id": "j", "stage": "transcode", "status": "complete"}                      | 'content_id' is required
          unknown stage     | {"time": 1, "content_id": "a", "job_id": "j", "stage": "upload", "status": "complete"}     | 'stage' must be one of [package, transcode], got 'upload'
          no status         | {"time": 1, "content_id": "a", "job_id": "j", "stage": "transcode"}                        | 'status' is required
          empty ladder      | {"time": 1, "content_id": "a", "job_id": "j", "stage": "transcode", "status": "complete", "renditions": []} | 'renditions' is empty: leave it out for an event about the whole job
          nameless entry    | {"time": 1, "content_id": "a", "job_id": "j", "stage": "transcode", "status": "complete", "renditions": [{"height": 720}]} | 'name' is required
          entry twice       | {"time": 1, "content_id": "a", "job_id": "j", "stage": "transcode", "status": "complete", "renditions": [{"name": "720p"}, {"name": "720p"}]} | rendition '720p' is listed twice
          ladder not list   | {"time": 1, "content_id": "a", "job_id": "j", "stage": "transcode", "status": "complete", "renditions": "720p"} | 'renditions' must be an array, got STRING
          started later     | {"time": 1000, "content_id": "a", "job_id": "j", "stage": "transcode", "status": "complete", "started_at": 2000} | 'started_at' is after 'time'
          """)
  void refusesABadJobEventWithTheReason(String name, String json, String reason) {
    assertThat(TranscodeJsonEvent.read(json)).containsExactly(new OpsInput.Invalid(json, reason));
  }
}
