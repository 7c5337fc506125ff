package dev.openqoe.rootcause;

import static dev.openqoe.rootcause.DeliveryEvents.job;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TranscodeFailuresTest {

  @Test
  void aFailedJobMarksItsRenditionUntilALaterJobOfItCompletes() {
    String failed = TranscodeFailures.after(null, job("error", "6000k"));
    assertThat(failed).isEqualTo("6000k");
    failed = TranscodeFailures.after(failed, job("error", "3000k"));
    assertThat(TranscodeFailures.parse(failed)).containsExactly("3000k", "6000k");
    assertThat(TranscodeFailures.after(failed, job("progressing", "6000k"))).isEqualTo(failed);
    failed = TranscodeFailures.after(failed, job("complete", "6000k"));
    assertThat(failed).isEqualTo("3000k");
    assertThat(TranscodeFailures.after(failed, job("complete", "3000k"))).isNull();
  }

  @Test
  void aFailedJobWithoutRenditionMarksTheWholeLadderAndItsCompletionClearsAll() {
    String failed = TranscodeFailures.after("720p", job("error", null));
    assertThat(TranscodeFailures.parse(failed))
        .containsExactly(TranscodeFailures.WHOLE_LADDER, "720p");
    assertThat(TranscodeFailures.after(failed, job("complete", null))).isNull();
    assertThat(TranscodeFailures.after(null, job("submitted", "720p"))).isNull();
    assertThat(TranscodeFailures.parse("")).isEmpty();
  }
}
