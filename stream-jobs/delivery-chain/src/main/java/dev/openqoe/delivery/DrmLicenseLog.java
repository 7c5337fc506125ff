package dev.openqoe.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.ops.LicenseRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import java.util.Set;

/**
 * Reads the documented JSON line a DRM license server or proxy writes per license request
 * (stream-jobs/delivery-chain/README.md): {@code time}, {@code drm_system}, {@code outcome}
 * required; {@code content_id}, {@code key_id}, {@code session_id} (when the proxy forwards the
 * player's), {@code error_code}, {@code error_message}, {@code latency_ms}, {@code region}.
 */
public final class DrmLicenseLog {

  public static final String FORMAT = "drm_json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SYSTEMS = Set.of("widevine", "playready", "fairplay");
  private static final Set<String> OUTCOMES = Set.of("granted", "denied", "error");

  private DrmLicenseLog() {}

  public static OpsInput read(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return new OpsInput.Invalid(line, "not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return new OpsInput.Invalid(line, "a DRM license event is a JSON object");
    }
    JsonFields f = new JsonFields(node);
    try {
      String system = f.oneOf("drm_system", SYSTEMS);
      String outcome = f.oneOf("outcome", OUTCOMES);
      if (system == null || outcome == null) {
        throw new JsonFields.BadInput("'drm_system' and 'outcome' are required");
      }
      return new OpsInput.Valid(
          new OpsEvent(
              OpsSource.DRM,
              FORMAT,
              f.time("time"),
              f.text("session_id"),
              f.text("content_id"),
              null,
              null,
              new LicenseRequest(
                  system, f.text("key_id"), outcome, f.number("latency_ms"), f.text("region")),
              f.text("error_code"),
              f.text("error_message")),
          line);
    } catch (JsonFields.BadInput e) {
      return new OpsInput.Invalid(line, e.getMessage());
    }
  }
}
