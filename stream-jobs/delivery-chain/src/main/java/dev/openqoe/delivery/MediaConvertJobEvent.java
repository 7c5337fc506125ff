package dev.openqoe.delivery;

import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.PackagingJob;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads AWS Elemental MediaConvert "MediaConvert Job State Change" events as EventBridge delivers
 * them: {@code detail.status}, {@code detail.jobId}, {@code detail.timestamp}, {@code
 * detail.errorCode} and {@code errorMessage} on ERROR, {@code detail.userMetadata} (the content id
 * under {@code content_id}, {@code asset_id} or {@code contentId}, and the rendition under {@code
 * rendition}, when the pipeline that submits jobs sets them).
 *
 * <p>A job that makes one rendition names it in its metadata, and each of its events is that
 * rendition's. A job that makes a whole ladder does not; its COMPLETE event lists what it wrote in
 * {@code detail.outputGroupDetails}, and becomes one event per rendition written (named by its
 * video height, {@code 720p}, else by its file name), so every rendition of the ladder counts in
 * its own health slice. A rendition written by two output groups (HLS and DASH) is one event.
 */
public final class MediaConvertJobEvent {

  public static final String FORMAT = "mediaconvert";

  private static final String DETAIL_TYPE = "MediaConvert Job State Change";
  private static final Set<String> STATUSES =
      Set.of("submitted", "progressing", "complete", "error", "canceled", "status_update");

  private MediaConvertJobEvent() {}

  /** Every event of {@code record}: one EventBridge event, an array of them, or one per line. */
  public static List<OpsInput> read(String record) {
    return JsonRecord.read(record, "an EventBridge event", MediaConvertJobEvent::jobEvent);
  }

  private static List<OpsInput> jobEvent(JsonFields event, String raw) {
    if (!DETAIL_TYPE.equals(event.text("detail-type"))) {
      throw new BadInput(
          "'detail-type' must be '" + DETAIL_TYPE + "', got '" + event.text("detail-type") + "'");
    }
    JsonFields detail = event.object("detail");
    String status = detail.oneOf("status", STATUSES);
    if (status == null) {
      throw new BadInput("'detail.status' is required");
    }
    String jobId = detail.requiredText("jobId");
    long time = detail.has("timestamp") ? detail.time("timestamp") : event.time("time");
    JsonFields user = detail.optionalObject("userMetadata");
    String contentId = user == null ? null : firstOf(user, "content_id", "asset_id", "contentId");
    String named = user == null ? null : user.text("rendition");
    List<String> renditions = new ArrayList<>();
    if (named != null) {
      renditions.add(named);
    } else {
      renditions.addAll(renditionsWritten(detail));
    }
    if (renditions.isEmpty()) {
      renditions.add(null); // the whole job
    }
    List<OpsInput> read = new ArrayList<>();
    for (String rendition : renditions) {
      read.add(
          new OpsInput.Valid(
              OpsEvent.job(
                  FORMAT,
                  time,
                  contentId,
                  new PackagingJob("transcode", jobId, status, rendition, null),
                  detail.text("errorCode"),
                  detail.text("errorMessage")),
              raw));
    }
    return read;
  }

  /**
   * The renditions a COMPLETE event lists in {@code outputGroupDetails}, in order, each once: its
   * video height ({@code 720p}), else its file's name without extension, else its place ({@code
   * output-1.2}: group 1, output 2).
   */
  private static Set<String> renditionsWritten(JsonFields detail) {
    Set<String> renditions = new LinkedHashSet<>();
    List<JsonFields> groups = detail.objects("outputGroupDetails");
    for (int g = 0; g < groups.size(); g++) {
      List<JsonFields> outputs = groups.get(g).objects("outputDetails");
      for (int o = 0; o < outputs.size(); o++) {
        JsonFields output = outputs.get(o);
        JsonFields video = output.optionalObject("videoDetails");
        Long height = video == null ? null : video.number("heightInPx");
        List<String> paths = output.texts("outputFilePaths");
        if (height != null) {
          renditions.add(height + "p");
        } else if (!paths.isEmpty()) {
          renditions.add(fileName(paths.get(0)));
        } else {
          renditions.add("output-" + (g + 1) + "." + (o + 1));
        }
      }
    }
    return renditions;
  }

  private static String fileName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String firstOf(JsonFields fields, String... names) {
    for (String name : names) {
      String value = fields.text(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
