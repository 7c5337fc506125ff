package dev.openqoe.delivery;

import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.PackagingJob;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the generic transcode and packaging JSON form (stream-jobs/delivery-chain/README.md): one
 * object per state change of a job, for encoders and packagers other than MediaConvert. {@code
 * time}, {@code content_id}, {@code job_id}, {@code stage} (transcode, package) and {@code status}
 * are required; {@code error_code}, {@code error_message}, {@code duration_ms} or {@code
 * started_at} optional; {@code renditions} the ladder the job makes.
 *
 * <p>A job without {@code renditions} is one event about the whole job. With them it is one event
 * per rendition entry, so each rendition counts in its own health slice: an entry's {@code name} is
 * required, its {@code status}, {@code duration_ms} and (when it failed with the job) the job's
 * error default to the job's, so a failed ladder need only list what differs.
 */
public final class TranscodeJsonEvent {

  public static final String FORMAT = "transcode_json";

  private static final Set<String> STAGES = Set.of("transcode", "package");
  private static final Set<String> STATUSES =
      Set.of("submitted", "progressing", "complete", "error", "canceled");

  private TranscodeJsonEvent() {}

  /** Every job event of {@code record}: one object, an array of them, or one per line. */
  public static List<OpsInput> read(String record) {
    return JsonRecord.read(record, "a transcode job event", TranscodeJsonEvent::job);
  }

  private static List<OpsInput> job(JsonFields f, String raw) {
    long time = f.time("time");
    String contentId = f.requiredText("content_id");
    String jobId = f.requiredText("job_id");
    String stage = required(f.oneOf("stage", STAGES), "stage");
    Outcome job =
        new Outcome(
            required(f.oneOf("status", STATUSES), "status"),
            f.text("error_code"),
            f.text("error_message"),
            duration(f, time));
    List<OpsInput> read = new ArrayList<>();
    if (!f.has("renditions")) {
      read.add(event(time, contentId, stage, jobId, null, job, raw));
      return read;
    }
    List<JsonFields> ladder = f.objects("renditions");
    if (ladder.isEmpty()) {
      throw new BadInput("'renditions' is empty: leave it out for an event about the whole job");
    }
    Set<String> names = new HashSet<>();
    for (JsonFields entry : ladder) {
      String name = entry.requiredText("name");
      if (!names.add(name)) {
        throw new BadInput("rendition '" + name + "' is listed twice");
      }
      read.add(event(time, contentId, stage, jobId, name, job.of(entry), raw));
    }
    return read;
  }

  /** {@code duration_ms}, else from {@code started_at} to {@code time}, else null. */
  private static Long duration(JsonFields f, long time) {
    if (f.has("duration_ms") || !f.has("started_at")) {
      return f.number("duration_ms");
    }
    long started = f.time("started_at");
    if (started > time) {
      throw new BadInput("'started_at' is after 'time'");
    }
    return time - started;
  }

  private static String required(String value, String name) {
    if (value == null) {
      throw new BadInput("'" + name + "' is required");
    }
    return value;
  }

  private static OpsInput event(
      long time,
      String contentId,
      String stage,
      String jobId,
      String rendition,
      Outcome outcome,
      String raw) {
    return new OpsInput.Valid(
        OpsEvent.job(
            FORMAT,
            time,
            contentId,
            new PackagingJob(stage, jobId, outcome.status(), rendition, outcome.durationMs()),
            outcome.errorCode(),
            outcome.errorMessage()),
        raw);
  }

  /** What became of a job, or of one rendition of it. */
  private record Outcome(String status, String errorCode, String errorMessage, Long durationMs) {

    /** A ladder entry's outcome: its own fields, else the job's. */
    Outcome of(JsonFields entry) {
      String entryStatus = entry.oneOf("status", STATUSES);
      String effective = entryStatus == null ? status : entryStatus;
      // The job's error is an entry's only when the entry failed as the job did.
      boolean jobsError = effective.equals(status);
      Long entryDuration = entry.number("duration_ms");
      return new Outcome(
          effective,
          entry.has("error_code") ? entry.text("error_code") : jobsError ? errorCode : null,
          entry.has("error_message")
              ? entry.text("error_message")
              : jobsError ? errorMessage : null,
          entryDuration == null ? durationMs : entryDuration);
    }
  }
}
