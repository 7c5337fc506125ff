package dev.openqoe.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.ops.LicenseRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DrmLicenseLogTest {

  private static final String DENIED =
      """
      {"time": "2026-12-05T10:00:00.250Z", "drm_system": "Widevine", "outcome": "denied",
       "content_id": "asset-42", "key_id": "9eb4050d-e44b-4802-932e-27d75083e266",
       "session_id": "s-9", "error_code": "LICENSE_EXPIRED", "latency_ms": 48,
       "region": "eu-west-1"}
      """;

  @Test
  void readsADeniedLicenseForwardedWithThePlayersSession() {
    List<OpsInput> read = DrmLicenseLog.read(DENIED);

    assertThat(read)
        .containsExactly(
            new OpsInput.Valid(
                new OpsEvent(
                    OpsSource.DRM,
                    "drm_json",
                    1_796_464_800_250L,
                    "s-9",
                    "asset-42",
                    null,
                    null,
                    new LicenseRequest(
                        "widevine",
                        "9eb4050d-e44b-4802-932e-27d75083e266",
                        "denied",
                        48L,
                        "eu-west-1"),
                    "LICENSE_EXPIRED",
                    null),
                DENIED));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not json          | time=1,outcome=granted                                        | not JSON
          array of text     | ["granted"]                                                   | a DRM license event is a JSON object, got string
          unknown system    | {"time": 1, "drm_system": "clearkey", "outcome": "granted"}   | 'drm_system' must be one of [fairplay, playready, widevine]
          no outcome        | {"time": 1, "drm_system": "widevine"}                         | 'drm_system' and 'outcome' are required
          bad latency       | {"time": 1, "drm_system": "widevine", "outcome": "granted", "latency_ms": "fast"} | 'latency_ms' must be a whole number >= 0
          negative time     | {"time": -5, "drm_system": "widevine", "outcome": "granted"}  | 'time' must be epoch milliseconds or an ISO-8601 instant
          object as text    | {"time": 1, "drm_system": "widevine", "outcome": "granted", "region": {"a": 1}} | 'region' must be a string
          """)
  void refusesABadLicenseEventWithTheReason(String name, String line, String reason) {
    List<OpsInput> read = DrmLicenseLog.read(line);

    assertThat(read).hasSize(1).first().isInstanceOf(OpsInput.Invalid.class);
    assertThat(((OpsInput.Invalid) read.get(0)).reason()).startsWith(reason);
  }
}
