package dev.openqoe.delivery;

import dev.openqoe.ops.LicenseRequest;
import dev.openqoe.ops.OpsEvent;
import java.util.List;
import java.util.Set;

/**
 * Reads the documented JSON object a DRM license server or proxy writes per license request
 * (stream-jobs/delivery-chain/README.md): {@code time}, {@code drm_system}, {@code outcome}
 * required; {@code content_id}, {@code key_id}, {@code session_id} (when the proxy forwards the
 * player's), {@code error_code}, {@code error_message}, {@code latency_ms}, {@code region}.
 */
public final class DrmLicenseLog {

  public static final String FORMAT = "drm_json";

  private static final Set<String> SYSTEMS = Set.of("widevine", "playready", "fairplay");
  private static final Set<String> OUTCOMES = Set.of("granted", "denied", "error");

  private DrmLicenseLog() {}

  /** Every license request of {@code record}: one object, an array of them, or one per line. */
  public static List<OpsInput> read(String record) {
    return JsonRecord.read(record, "a DRM license event", DrmLicenseLog::license);
  }

  private static List<OpsInput> license(JsonFields f, String raw) {
    String system = f.oneOf("drm_system", SYSTEMS);
    String outcome = f.oneOf("outcome", OUTCOMES);
    if (system == null || outcome == null) {
      throw new BadInput("'drm_system' and 'outcome' are required");
    }
    return List.of(
        new OpsInput.Valid(
            OpsEvent.license(
                FORMAT,
                f.time("time"),
                f.text("session_id"),
                f.text("content_id"),
                new LicenseRequest(
                    system, f.text("key_id"), outcome, f.number("latency_ms"), f.text("region")),
                f.text("error_code"),
                f.text("error_message")),
            raw));
  }
}
