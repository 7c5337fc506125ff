package dev.openqoe.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import dev.openqoe.ops.PackagingJob;
import java.util.Set;

/**
 * Reads AWS Elemental MediaConvert "MediaConvert Job State Change" events as EventBridge delivers
 * them: {@code detail.status}, {@code detail.jobId}, {@code detail.timestamp}, {@code
 * detail.errorCode} and {@code errorMessage} on ERROR, {@code detail.userMetadata} (the content id
 * under {@code content_id}, {@code asset_id} or {@code contentId}, and the rendition under {@code
 * rendition}, when the pipeline that submits jobs sets them).
 */
public final class MediaConvertJobEvent {

  public static final String FORMAT = "mediaconvert";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DETAIL_TYPE = "MediaConvert Job State Change";
  private static final Set<String> STATUSES =
      Set.of("submitted", "progressing", "complete", "error", "canceled", "status_update");

  private MediaConvertJobEvent() {}

  public static OpsInput read(String record) {
    JsonNode node;
    try {
      node = JSON.readTree(record);
    } catch (JsonProcessingException e) {
      return new OpsInput.Invalid(record, "not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return new OpsInput.Invalid(record, "an EventBridge event is a JSON object");
    }
    JsonFields event = new JsonFields(node);
    try {
      if (!DETAIL_TYPE.equals(event.text("detail-type"))) {
        throw new JsonFields.BadInput(
            "'detail-type' must be '" + DETAIL_TYPE + "', got '" + event.text("detail-type") + "'");
      }
      JsonFields detail = event.object("detail");
      String status = detail.oneOf("status", STATUSES);
      if (status == null) {
        throw new JsonFields.BadInput("'detail.status' is required");
      }
      JsonNode metadata = node.get("detail").get("userMetadata");
      JsonFields user = metadata != null && metadata.isObject() ? new JsonFields(metadata) : null;
      return new OpsInput.Valid(
          new OpsEvent(
              OpsSource.TRANSCODE,
              FORMAT,
              detail.text("timestamp") != null ? detail.time("timestamp") : event.time("time"),
              null,
              user == null ? null : firstOf(user, "content_id", "asset_id", "contentId"),
              null,
              new PackagingJob(
                  "transcode",
                  detail.requiredText("jobId"),
                  status,
                  user == null ? null : user.text("rendition"),
                  null),
              null,
              detail.text("errorCode"),
              detail.text("errorMessage")),
          record);
    } catch (JsonFields.BadInput e) {
      return new OpsInput.Invalid(record, e.getMessage());
    }
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
