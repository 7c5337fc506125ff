package dev.openqoe.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudFrontRealtimeLogTest {

  /** A real-time log configuration with a few fields, in the order CloudFront writes them. */
  private static final List<String> FIELDS =
      List.of(
          "timestamp",
          "c-ip",
          "time-to-first-byte",
          "sc-status",
          "sc-bytes",
          "cs-uri-stem",
          "x-edge-location",
          "time-taken",
          "cs-uri-query",
          "x-edge-result-type",
          "x-edge-detailed-result-type",
          "cmcd-session-id");

  private static final String LINE =
      String.join(
          "\t",
          "1607038224.123",
          "2001:db8:85a3::8a2e:370:7334",
          "0.002",
          "200",
          "4352",
          "/video/seg-00042.m4s",
          "FRA56-P1",
          "0.082",
          "CMCD=cid%253D%2522asset-7%2522%252Cot%253Dv%252Csid%253D%2522s-1%2522",
          "Hit",
          "Hit",
          "-");

  private static final CloudFrontRealtimeLog LOG = CloudFrontRealtimeLog.of(FIELDS);

  @Test
  void readsARequestInTheConfiguredFieldsAsAStandardLogLineReadsIt() {
    List<OpsInput> read = LOG.read(LINE + "\n");

    assertThat(read)
        .containsExactly(
            new OpsInput.Valid(
                new OpsEvent(
                    OpsSource.CDN,
                    "cloudfront_realtime",
                    1_607_038_224_123L,
                    "s-1",
                    "asset-7",
                    new CdnRequest(
                        "cloudfront",
                        "FRA56-P1",
                        "2001:db8:85a3::",
                        200,
                        4352L,
                        2L,
                        82L,
                        "hit",
                        "/video/seg-00042.m4s",
                        "v"),
                    null,
                    null,
                    null,
                    null),
                LINE));
  }

  @Test
  void cmcdThatCameInHeadersIsTakenFromCloudFrontsOwnCmcdFields() {
    String headersOnly = LINE.replaceFirst("\tCMCD=[^\t]*\t", "\t-\t").replaceFirst("-$", "s-77");

    OpsEvent event = ((OpsInput.Valid) LOG.read(headersOnly).get(0)).event();

    assertThat(event.sessionId()).isEqualTo("s-77");
    assertThat(event.contentId()).isNull();
  }

  @Test
  void theDocumentedListHasEveryFieldOnceInAwsOrder() {
    List<String> fields = CloudFrontRealtimeLog.documented().fields();

    assertThat(fields).hasSize(69).doesNotHaveDuplicates();
    assertThat(fields.subList(0, 5))
        .containsExactly("timestamp", "c-ip", "s-ip", "time-to-first-byte", "sc-status");
    assertThat(fields).containsSubsequence("asn", "cmcd-encoded-bitrate", "cmcd-version", "r-host");
    assertThat(CloudFrontRealtimeLog.parse(" ").fields()).isEqualTo(fields);
  }

  @Test
  void aLineOfEveryDocumentedFieldReads() {
    List<String> values = new ArrayList<>(Collections.nCopies(69, "-"));
    List<String> names = CloudFrontRealtimeLog.documented().fields();
    values.set(names.indexOf("timestamp"), "1607038224.5");
    values.set(names.indexOf("sc-status"), "000");
    values.set(names.indexOf("cs-uri-stem"), "/v.m4s");
    values.set(names.indexOf("x-edge-location"), "LAX1");

    OpsEvent event =
        ((OpsInput.Valid) CloudFrontRealtimeLog.documented().read(String.join("\t", values)).get(0))
            .event();

    assertThat(event.eventTime()).isEqualTo(1_607_038_224_500L);
    assertThat(event.cdnRequest().statusCode()).as("the viewer left before a response").isZero();
  }

  @Test
  void aConfigurationThatCannotBeReadIsRefusedBeforeAnythingIsRead() {
    assertThatThrownBy(() -> CloudFrontRealtimeLog.parse("timestamp,sc-status,cs-uri-stem,edge"))
        .hasMessageStartingWith("not CloudFront real-time log fields: [edge]");
    assertThatThrownBy(() -> CloudFrontRealtimeLog.parse("timestamp,c-ip,sc-status,cs-uri-stem"))
        .hasMessageEndingWith("missing [x-edge-location]");
    assertThatThrownBy(
            () ->
                CloudFrontRealtimeLog.parse(
                    "timestamp,sc-status,cs-uri-stem,x-edge-location,sc-status"))
        .hasMessage("fields named twice: [sc-status]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          date as time      | ISO_TIME  | timestamp must be epoch seconds with milliseconds (like 1607038224.123), got '2020-12-03T23:30:24Z'
          truncated line    | TRUNCATED | has 7 tab-separated fields, the configured real-time log fields (--cloudfront-realtime-fields) names 12
          bad status        | STATUS    | sc-status must be a whole number, got 'OK'
          no edge           | NO_EDGE   | x-edge-location is required, got '-'
          """)
  void refusesABadLineWithItsReasonAndKeepsTheGoodOnes(String name, String kind, String reason) {
    String bad =
        switch (kind) {
          case "ISO_TIME" -> LINE.replace("1607038224.123", "2020-12-03T23:30:24Z");
          case "TRUNCATED" -> LINE.substring(0, LINE.indexOf("\t0.082"));
          case "STATUS" -> LINE.replace("\t200\t", "\tOK\t");
          case "NO_EDGE" -> LINE.replace("FRA56-P1", "-");
          default -> throw new IllegalArgumentException(kind);
        };

    List<OpsInput> read = LOG.read(LINE + "\n" + bad + "\n" + LINE);

    assertThat(read).hasSize(3);
    assertThat(read.get(1)).isEqualTo(new OpsInput.Invalid(bad, reason));
    assertThat(read.get(0)).isInstanceOf(OpsInput.Valid.class);
    assertThat(read.get(2)).isInstanceOf(OpsInput.Valid.class);
  }
}
