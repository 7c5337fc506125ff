package dev.openqoe.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudFrontStandardLogTest {

  /** The 33 fields of CloudFront's standard log, as its documentation lists them. */
  static final String HEADER =
      "#Version: 1.0\n"
          + "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem"
          + " sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type"
          + " x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for"
          + " ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status"
          + " fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type"
          + " sc-content-type sc-content-len sc-range-start sc-range-end\n";

  /** The documentation's example line, with a segment request. */
  static final String LINE =
      String.join(
          "\t",
          "2019-12-04",
          "21:02:31",
          "LAX1",
          "392",
          "192.0.2.100",
          "GET",
          "d111111abcdef8.cloudfront.net",
          "/video/chunk-1-00002.m4s",
          "200",
          "-",
          "Mozilla/5.0%20(X11;%20Linux%20x86_64)",
          "-",
          "-",
          "Hit",
          "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==",
          "d111111abcdef8.cloudfront.net",
          "https",
          "23",
          "0.125",
          "-",
          "TLSv1.2",
          "ECDHE-RSA-AES128-GCM-SHA256",
          "Hit",
          "HTTP/2.0",
          "-",
          "-",
          "11040",
          "0.012",
          "Hit",
          "video/mp4",
          "78",
          "-",
          "-");

  @Test
  void readsARequestWithTheClientAnonymisedAsTheCollectorDoes() {
    List<OpsInput> read = CloudFrontStandardLog.read(HEADER + LINE + "\n");

    assertThat(read)
        .containsExactly(
            new OpsInput.Valid(
                new OpsEvent(
                    OpsSource.CDN,
                    "cloudfront_standard",
                    1_575_493_351_000L,
                    null,
                    null,
                    new CdnRequest(
                        "cloudfront",
                        "LAX1",
                        "192.0.2.0",
                        200,
                        392L,
                        12L,
                        125L,
                        "hit",
                        "/video/chunk-1-00002.m4s",
                        null),
                    null,
                    null,
                    null,
                    null),
                LINE));
  }

  @Test
  void linksARequestToThePlayerSessionByTheCmcdInItsQuery() {
    // The player's CMCD= value, percent-encoded by the player and once more by CloudFront.
    String query =
        "CMCD=br%253D800%252Ccid%253D%2522asset-42%2522%252Cot%253Dv%252Csid%253D%2522s-9%2522";

    OpsEvent event = valid(HEADER + LINE.replace("\t-\t-\tHit\t", "\t" + query + "\t-\tHit\t"));

    assertThat(event.sessionId()).isEqualTo("s-9");
    assertThat(event.contentId()).isEqualTo("asset-42");
    assertThat(event.cdnRequest().objectType()).isEqualTo("v");
  }

  @Test
  void anErrorResultCarriesTheDetailedResultAsItsCode() {
    String failed =
        LINE.replace("\t200\t", "\t502\t")
            .replace("\tHit\tSOX", "\tError\tSOX")
            .replace("\t0.012\tHit\t", "\t0.012\tOriginConnectError\t");

    OpsEvent event = valid(HEADER + failed);

    assertThat(event.cdnRequest().statusCode()).isEqualTo(502);
    assertThat(event.cdnRequest().cacheResult()).isEqualTo("error");
    assertThat(event.errorCode()).isEqualTo("OriginConnectError");
  }

  @Test
  void readsTheFieldsItsHeaderNamesInTheirOrder() {
    String subset =
        "#Fields: time-taken date sc-status time x-edge-location cs-uri-stem x-edge-result-type\n"
            + "0.5\t2026-12-05\t404\t10:00:00\tFRA56-P1\t/a.m4s\tRefreshHit\n";

    OpsEvent event = valid(subset);

    assertThat(event.eventTime()).isEqualTo(1_796_464_800_000L);
    assertThat(event.cdnRequest().statusCode()).isEqualTo(404);
    assertThat(event.cdnRequest().timeTakenMs()).isEqualTo(500L);
    assertThat(event.cdnRequest().cacheResult()).isEqualTo("refresh_hit");
    assertThat(event.cdnRequest().clientIp()).isNull();
  }

  @Test
  void readsLinesEndedByCrlfOrByNothingAndSkipsBlankOnes() {
    String crlf = HEADER.replace("\n", "\r\n") + LINE + "\r\n\r\n" + LINE;

    List<OpsInput> read = CloudFrontStandardLog.read(crlf);

    assertThat(read).hasSize(2).allMatch(OpsInput.Valid.class::isInstance);
    assertThat(((OpsInput.Valid) read.get(0)).raw()).isEqualTo(LINE);
    assertThat(((OpsInput.Valid) read.get(1)).raw()).isEqualTo(LINE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no header            | NO_HEADER       | no #Fields line comes before it
          field missing        | SHORT           | has 32 tab-separated fields, its #Fields line names 33
          bad date             | BAD_DATE        | date and time must be YYYY-MM-DD and HH:MM:SS
          bad status           | BAD_STATUS      | sc-status must be a whole number, got 'OK'
          bad bytes            | BAD_BYTES       | sc-bytes must be a whole number, got '1e3'
          bad duration         | BAD_DURATION    | time-taken must be seconds (like 0.125), got '-0.5'
          bad address          | BAD_IP          | c-ip 'localhost' is not an IP address
          header without time  | HEADER_NO_TIME  | its #Fields line names no [time]
          huge line            | HUGE            | a line of 2
          """)
  void refusesABadLineWithItsReasonAndKeepsTheGoodOnes(String name, String kind, String reason) {
    String bad =
        switch (kind) {
          case "NO_HEADER" -> LINE;
          case "SHORT" -> HEADER + LINE.substring(0, LINE.lastIndexOf('\t'));
          case "BAD_DATE" -> HEADER + LINE.replace("2019-12-04", "04/12/2019");
          case "BAD_STATUS" -> HEADER + LINE.replace("\t200\t", "\tOK\t");
          case "BAD_BYTES" -> HEADER + LINE.replace("\t392\t", "\t1e3\t");
          case "BAD_DURATION" -> HEADER + LINE.replace("\t0.125\t", "\t-0.5\t");
          case "BAD_IP" -> HEADER + LINE.replace("192.0.2.100", "localhost");
          case "HEADER_NO_TIME" -> HEADER.replace(" time ", " ") + LINE;
          case "HUGE" ->
              HEADER + LINE.replace("/video/chunk-1-00002.m4s", "/" + "x".repeat(19_999));
          default -> throw new IllegalArgumentException(kind);
        };
    String good = HEADER + LINE;

    List<OpsInput> read = CloudFrontStandardLog.read(bad + "\n" + good + "\n");

    assertThat(read).hasSize(2);
    assertThat(read.get(0)).isInstanceOf(OpsInput.Invalid.class);
    assertThat(((OpsInput.Invalid) read.get(0)).reason()).startsWith(reason);
    assertThat(read.get(1)).isInstanceOf(OpsInput.Valid.class);
  }

  private static OpsEvent valid(String text) {
    List<OpsInput> read = CloudFrontStandardLog.read(text);
    assertThat(read).hasSize(1).first().isInstanceOf(OpsInput.Valid.class);
    return ((OpsInput.Valid) read.get(0)).event();
  }
}
