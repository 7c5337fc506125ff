package dev.openqoe.ingest.core;

import static dev.openqoe.ingest.core.IngestServiceAdmissionTest.assertRefusal;
import static dev.openqoe.ingest.core.TestCore.KEY;
import static dev.openqoe.ingest.core.TestCore.NOW;
import static dev.openqoe.ingest.core.TestCore.json;
import static dev.openqoe.ingest.core.TestCore.onlyAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.protocol.CmcdReport;
import dev.openqoe.protocol.CmcdReportMode;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.RejectedBeacon;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** /v1/cmcd: request-mode data from the query and headers, event-mode reports from the body. */
class CmcdIngestTest {

  private final TestCore core = new TestCore();

  @Test
  void storesRequestModeDataOfAGetQueryAsReceivedAtTheReceiveTime() {
    TestExchange request =
        new TestExchange("GET").query("k", KEY).query("CMCD", "br=(3200),sid=\"s-1\",sn=2,v=2");

    IngestAnswer answer = onlyAnswer(core.send(Endpoint.CMCD, request, ""));

    assertThat(json(answer)).isEqualTo(json("{\"accepted\":1,\"rejected\":0,\"errors\":[]}"));
    IngestedBeacon beacon = core.sink.beacons().get(0);
    assertThat(beacon.event().sessionId()).isEqualTo("s-1");
    assertThat(beacon.event().seq()).isEqualTo(NOW * 2048 + 5);
    assertThat(beacon.event().ts()).isEqualTo(NOW);
    assertThat(beacon.event().cmcd())
        .isEqualTo(
            new CmcdReport(
                CmcdReportMode.REQUEST, 2, null, null, "br=(3200),sid=\"s-1\",sn=2,v=2"));
    assertThat(beacon.event().bitrateKbps()).isEqualTo(3200);
    assertThat(beacon.receipt().source()).isEqualTo(IngestSource.CMCD);
    assertThat(
            core.metric("qoe_collector_events_accepted_total{property=\"test\",source=\"cmcd\"}"))
        .isEqualTo(1);
  }

  @Test
  void joinsTheCmcdHeadersIntoOneRequestModeReport() {
    TestExchange request =
        new TestExchange("GET")
            .header(RequestHeader.KEY, KEY)
            .header(RequestHeader.CMCD_REQUEST, "sn=4")
            .header(RequestHeader.CMCD_OBJECT, "br=(6000)")
            .header(RequestHeader.CMCD_STATUS, " ")
            .header(RequestHeader.CMCD_SESSION, "sid=\"s-2\",v=2");

    assertThat(onlyAnswer(core.send(Endpoint.CMCD, request, "")).status()).isEqualTo(200);

    assertThat(core.sink.beacons())
        .singleElement()
        .satisfies(
            beacon -> {
              assertThat(beacon.event().cmcd().sn()).isEqualTo(4);
              assertThat(beacon.event().cmcd().payload())
                  .isEqualTo("sn=4,br=(6000),sid=\"s-2\",v=2");
              assertThat(beacon.event().bitrateKbps()).isEqualTo(6000);
            });
  }

  @Test
  void storesOneBeaconPerEventModeLineAfterTheRequestModeData() {
    TestExchange request =
        new TestExchange("POST")
            .query("k", KEY)
            .query("CMCD", "sid=\"s-3\",sn=0,v=2")
            .header(RequestHeader.CONTENT_TYPE, "application/cmcd");
    String body =
        "e=ps,sid=\"s-3\",sn=0,sta=s,ts="
            + NOW
            + ",v=2\r\n\n"
            + "e=e,sid=\"s-3\",sn=1,ts="
            + NOW
            + ",v=2\n";

    assertThat(onlyAnswer(core.send(Endpoint.CMCD, request, body)).status()).isEqualTo(200);

    assertThat(core.sink.beacons())
        .extracting(
            beacon -> beacon.event().cmcd().mode(),
            beacon -> beacon.event().cmcd().state(),
            beacon -> beacon.event().error() == null ? null : beacon.event().error().code())
        .containsExactly(
            tuple(CmcdReportMode.REQUEST, null, null),
            tuple(CmcdReportMode.EVENT, "s", null),
            tuple(CmcdReportMode.EVENT, null, "CMCD_ERROR"));
  }

  @Test
  void rejectsReportsThatCannotBeMappedWithTheirReasonAndKeepsThemOnTheDlq() {
    TestExchange request =
        new TestExchange("POST")
            .header(RequestHeader.KEY, KEY)
            .header(RequestHeader.CONTENT_TYPE, "text/plain")
            .header(RequestHeader.USER_AGENT, "player/1.0");

    IngestAnswer answer =
        onlyAnswer(
            core.send(Endpoint.CMCD, request, "br=3200,sid=\"v1-session\"\nsid=\"unterminated"));

    assertThat(answer.status()).isEqualTo(400);
    JsonNode body = json(answer);
    assertThat(body.get("error").asText()).isEqualTo("no_valid_events");
    assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("cmcd.v");
    assertThat(body.get("errors").get(1).get("reason").asText())
        .contains("not a valid CMCD payload");
    assertThat(core.sink.deadLetters())
        .extracting(RejectedBeacon::payload, RejectedBeacon::batchIndex, RejectedBeacon::source)
        .containsExactly(
            tuple("br=3200,sid=\"v1-session\"", 0, IngestSource.CMCD),
            tuple("sid=\"unterminated", 1, IngestSource.CMCD));
    assertThat(core.sink.deadLetters().get(0).userAgent()).isEqualTo("player/1.0");
    assertThat(
            core.metric(
                "qoe_collector_events_rejected_total{property=\"test\",reason=\"invalid_cmcd_v\"}"))
        .isEqualTo(1);
  }

  @Test
  void refusesMoreReportsThanTheBatchLimitWith413WithoutReadingThemAll() {
    String report = "sid=\"s-4\",sn=0,v=2";
    TestExchange request = new TestExchange("POST").header(RequestHeader.KEY, KEY);

    IngestAnswer answer =
        onlyAnswer(
            core.send(
                Endpoint.CMCD, request, String.join("\n", Collections.nCopies(10_000, report))));

    assertRefusal(
        answer,
        413,
        "too_many_events",
        "the request holds more than 500 events, at most 500 are allowed per request");
    assertThat(core.sink.batches()).isEmpty();
  }

  @Test
  void refusesAGetWithoutCmcdDataWith400() {
    IngestAnswer answer =
        onlyAnswer(core.send(Endpoint.CMCD, new TestExchange("GET").query("k", KEY), ""));

    assertRefusal(answer, 400, "no_events", "the request holds no events");
    assertThat(core.sink.deadLetters())
        .singleElement()
        .satisfies(
            rejected -> {
              assertThat(rejected.payload()).isEmpty();
              assertThat(rejected.source()).isEqualTo(IngestSource.CMCD);
            });
  }

  @Test
  void acceptsAnyMediaTypeOnAGet() {
    TestExchange request =
        new TestExchange("GET")
            .query("k", KEY)
            .query("CMCD", "sid=\"s-5\",sn=0,v=2")
            .header(RequestHeader.CONTENT_TYPE, "application/xml");

    assertThat(onlyAnswer(core.send(Endpoint.CMCD, request, "")).status()).isEqualTo(200);
  }
}
