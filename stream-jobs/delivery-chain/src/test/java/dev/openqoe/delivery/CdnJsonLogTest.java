package dev.openqoe.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CdnJsonLogTest {

  /** The form's documented example, with the player's CMCD in the query. */
  static final String REQUEST =
      "{\"time\": \"2026-12-05T10:00:00.250Z\", \"cdn\": \"fastly\", \"edge\": \"FRA\","
          + " \"status\": 200, \"uri\": \"/v/asset-7/1200k/seg-00042.m4s\","
          + " \"query\": \"CMCD=br%3D1200%2Ccid%3D%22asset-7%22%2Cot%3Dv%2Csid%3D%22s-1%22\","
          + " \"client_ip\": \"203.0.113.9\", \"method\": \"GET\", \"host\": \"cdn.example.com\","
          + " \"bytes\": 123456, \"ttfb_ms\": 35, \"time_taken_ms\": 180, \"cache\": \"hit\","
          + " \"request_id\": \"r-1\", \"pop_city\": \"Frankfurt\"}";

  @Test
  void readsARequestLinkedToItsSessionWithTheClientAnonymised() {
    assertThat(CdnJsonLog.read(REQUEST))
        .containsExactly(
            new OpsInput.Valid(
                new OpsEvent(
                    OpsSource.CDN,
                    "cdn_json",
                    1_796_464_800_250L,
                    "s-1",
                    "asset-7",
                    new CdnRequest(
                        "fastly",
                        "FRA",
                        "203.0.113.0",
                        200,
                        123_456L,
                        35L,
                        180L,
                        "hit",
                        "/v/asset-7/1200k/seg-00042.m4s",
                        "v"),
                    null,
                    null,
                    null,
                    null),
                REQUEST));
  }

  @Test
  void aBatchOfRequestsInEpochMillisecondsWithAnErrorCarriesItsCode() {
    String failed =
        "{\"time\": 1796464800250, \"cdn\": \"akamai\", \"edge\": \"LAX\", \"status\": 503,"
            + " \"uri\": \"/v/1.m4s\", \"cache\": \"ERROR\", \"error_code\": \"ORIGIN_TIMEOUT\"}";

    List<OpsInput> read = CdnJsonLog.read("[" + REQUEST + ",\n" + failed + "]");

    assertThat(read).hasSize(2).allMatch(OpsInput.Valid.class::isInstance);
    OpsEvent event = ((OpsInput.Valid) read.get(1)).event();
    assertThat(event.eventTime()).isEqualTo(1_796_464_800_250L);
    assertThat(event.cdnRequest().cacheResult()).isEqualTo("error");
    assertThat(event.errorCode()).isEqualTo("ORIGIN_TIMEOUT");
    assertThat(event.cdnRequest().clientIp()).isNull();
    assertThat(event.sessionId()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no edge           | {"time": 1, "cdn": "fastly", "status": 200, "uri": "/a"}                      | 'edge' is required
          no status         | {"time": 1, "cdn": "fastly", "edge": "FRA", "uri": "/a"}                      | 'status' is required
          status as text    | {"time": 1, "cdn": "fastly", "edge": "FRA", "status": "OK", "uri": "/a"}      | 'status' must be a whole number >= 0, got "OK"
          status too big    | {"time": 1, "cdn": "fastly", "edge": "FRA", "status": 2000, "uri": "/a"}      | 'status' must be an HTTP status, got 2000
          bad time          | {"time": "10:00", "cdn": "fastly", "edge": "FRA", "status": 200, "uri": "/a"} | 'time' must be epoch milliseconds or an ISO-8601 instant, got "10:00"
          bad client        | {"time": 1, "cdn": "fastly", "edge": "FRA", "status": 200, "uri": "/a", "client_ip": "example.com"} | 'client_ip' 'example.com' is not an IP address
          fractional bytes  | {"time": 1, "cdn": "fastly", "edge": "FRA", "status": 200, "uri": "/a", "bytes": 1.5} | 'bytes' must be a whole number >= 0, got 1.5
          """)
  void refusesABadRequestWithTheReason(String name, String json, String reason) {
    assertThat(CdnJsonLog.read(json)).containsExactly(new OpsInput.Invalid(json, reason));
  }
}
