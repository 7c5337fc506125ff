package dev.openqoe.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BeaconParserTest {

  private final BeaconParser parser = BeaconParser.lenientClock();

  @Test
  void readsMinimalBeacon() {
    BeaconEvent event =
        valid("{\"v\":1,\"session_id\":\"abc-1\",\"seq\":0,\"type\":\"play_request\",\"ts\":1000}");

    assertThat(event).isEqualTo(BeaconEvent.of("abc-1", 0, EventType.PLAY_REQUEST, 1000));
  }

  @Test
  void readsEveryFieldOfAFullBeacon() {
    BeaconEvent event =
        valid(
            """
            {"v":1,"session_id":"S.1:x_y-z","seq":12,"type":"error","ts":1700000000000,
             "bitrate_kbps":3000,"playhead_ms":5000,"error_code":"E42","error_fatal":true,
             "error_category":"business","viewer_id":"v","asset_id":"a","stream_type":"live",
             "player_name":"hls.js","player_version":"1.5.0","device_type":"desktop","os":"Linux",
             "app_version":"3.1","cdn":"cdn-a","drm_system":"widevine","custom":{"tier":"gold"}}
            """);

    assertThat(event.sessionId()).isEqualTo("S.1:x_y-z");
    assertThat(event.seq()).isEqualTo(12);
    assertThat(event.type()).isEqualTo(EventType.ERROR);
    assertThat(event.ts()).isEqualTo(1_700_000_000_000L);
    assertThat(event.bitrateKbps()).isEqualTo(3000);
    assertThat(event.playheadMs()).isEqualTo(5000L);
    assertThat(event.error()).isEqualTo(new PlaybackError("E42", true, ErrorCategory.BUSINESS));
    assertThat(event.dimensions())
        .isEqualTo(
            new SessionDimensions(
                "v",
                "a",
                StreamType.LIVE,
                "hls.js",
                "1.5.0",
                "desktop",
                "Linux",
                "3.1",
                "cdn-a",
                "widevine",
                Map.of("tier", "gold")));
  }

  @Test
  void readsACmcdReportAndTheErrorItTells() {
    BeaconEvent event =
        valid(
            """
            {"v":1,"session_id":"s","seq":7,"type":"cmcd","ts":9,"cmcd_mode":"event","cmcd_sn":3,
             "cmcd_sta":"f","cmcd_e":"ps","cmcd_report":"e=ps,sn=3,sta=f,v=2",
             "error_code":"E1","error_fatal":true}
            """);

    assertThat(event.cmcd())
        .isEqualTo(new CmcdReport(CmcdReportMode.EVENT, 3, "f", "ps", "e=ps,sn=3,sta=f,v=2"));
    assertThat(event.error()).isEqualTo(new PlaybackError("E1", true, ErrorCategory.TECHNICAL));
  }

  @Test
  void aCmcdReportOnlyBelongsToCmcdBeacons() {
    BeaconEvent cmcdWithoutError =
        valid(
            "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"cmcd\",\"ts\":5,"
                + "\"cmcd_mode\":\"request\",\"cmcd_sn\":0}");
    BeaconEvent endWithCmcdFields =
        valid(
            "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"end\",\"ts\":5,"
                + "\"cmcd_mode\":\"request\",\"cmcd_sn\":0}");

    assertThat(cmcdWithoutError.cmcd())
        .isEqualTo(new CmcdReport(CmcdReportMode.REQUEST, 0, null, null, null));
    assertThat(cmcdWithoutError.error()).isNull();
    assertThat(endWithCmcdFields.cmcd()).isNull();
  }

  @Test
  void errorDefaultsToNonFatalTechnical() {
    BeaconEvent event =
        valid(
            "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"error\",\"ts\":5,\"error_code\":\"x\"}");

    assertThat(event.error()).isEqualTo(new PlaybackError("x", false, ErrorCategory.TECHNICAL));
  }

  @Test
  void ignoresUnknownFieldsAndTreatsEmptyDimensionsAsUnknown() {
    BeaconEvent event =
        valid(
            "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"heartbeat\",\"ts\":5,"
                + "\"future_field\":{\"a\":[1,2]},\"cdn\":\"\",\"stream_type\":\"\",\"os\":null}");

    assertThat(event.dimensions()).isEqualTo(SessionDimensions.NONE);
  }

  @Test
  void errorFieldsOnOtherTypesAreCheckedButNotKept() {
    assertThat(
            valid(
                    "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"pause\",\"ts\":5,"
                        + "\"error_code\":\"x\"}")
                .error())
        .isNull();
    assertThat(
            rejection(
                "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"pause\",\"ts\":5,"
                    + "\"error_fatal\":\"yes\"}"))
        .isEqualTo("field 'error_fatal': must be true or false, got string \"yes\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not json                | {"v":1,                                                   | not valid JSON: Unexpected end-of-input
          array                   | [1,2]                                                     | expected a JSON object, got array
          empty                   | ''                                                        | empty document: expected a JSON object
          duplicate key           | {"v":1,"v":1}                                             | not valid JSON: Duplicate field 'v'
          missing v               | {"session_id":"s","seq":1,"type":"end","ts":1}            | field 'v': is required
          wrong version           | {"v":2,"session_id":"s","seq":1,"type":"end","ts":1}      | field 'v': must be 1 (the protocol version), got integer 2
          missing session         | {"v":1,"seq":1,"type":"end","ts":1}                       | field 'session_id': is required
          session bad chars       | {"v":1,"session_id":"a b","seq":1,"type":"end","ts":1}    | field 'session_id': must be 1-128 characters of [A-Za-z0-9._:-], got string "a b"
          session empty           | {"v":1,"session_id":"","seq":1,"type":"end","ts":1}       | field 'session_id': must be 1-128 characters of [A-Za-z0-9._:-], got string ""
          session number          | {"v":1,"session_id":5,"seq":1,"type":"end","ts":1}        | field 'session_id': must be 1-128 characters of [A-Za-z0-9._:-], got integer 5
          seq negative            | {"v":1,"session_id":"s","seq":-1,"type":"end","ts":1}     | field 'seq': must be an integer from 0 to 9007199254740991, got integer -1
          seq fraction            | {"v":1,"session_id":"s","seq":1.5,"type":"end","ts":1}    | field 'seq': must be an integer from 0 to 9007199254740991, got number 1.5
          seq string              | {"v":1,"session_id":"s","seq":"1","type":"end","ts":1}    | field 'seq': must be an integer from 0 to 9007199254740991, got string "1"
          seq huge                | {"v":1,"session_id":"s","seq":99999999999999999999,"type":"end","ts":1} | field 'seq': must be an integer from 0 to 9007199254740991, got integer 99999999999999999999
          type unknown            | {"v":1,"session_id":"s","seq":1,"type":"stop","ts":1}     | field 'type': must be one of play_request, first_frame, pause, resume, seek_start, seek_end, rebuffer_start, rebuffer_end, bitrate_change, ad_break_start, ad_break_end, heartbeat, error, end, cmcd, got string "stop"
          ts negative             | {"v":1,"session_id":"s","seq":1,"type":"end","ts":-5}     | field 'ts': must be an integer from 0 to 253402300799999, got integer -5
          ts far future           | {"v":1,"session_id":"s","seq":1,"type":"end","ts":253402300800000} | field 'ts': must be an integer from 0 to 253402300799999, got integer 253402300800000
          ts missing              | {"v":1,"session_id":"s","seq":1,"type":"end"}             | field 'ts': is required
          bitrate zero            | {"v":1,"session_id":"s","seq":1,"type":"first_frame","ts":1,"bitrate_kbps":0} | field 'bitrate_kbps': must be an integer from 1 to 2147483647, got integer 0
          bitrate missing         | {"v":1,"session_id":"s","seq":1,"type":"bitrate_change","ts":1} | field 'bitrate_kbps': is required on bitrate_change
          playhead negative       | {"v":1,"session_id":"s","seq":1,"type":"pause","ts":1,"playhead_ms":-1} | field 'playhead_ms': must be an integer from 0 to 9007199254740991, got integer -1
          error without code      | {"v":1,"session_id":"s","seq":1,"type":"error","ts":1}    | field 'error_code': is required on error beacons
          error bad category      | {"v":1,"session_id":"s","seq":1,"type":"error","ts":1,"error_code":"x","error_category":"user"} | field 'error_category': must be one of technical, business, got string "user"
          stream type             | {"v":1,"session_id":"s","seq":1,"type":"end","ts":1,"stream_type":"dvr"} | field 'stream_type': must be one of vod, live, got string "dvr"
          dimension not string    | {"v":1,"session_id":"s","seq":1,"type":"end","ts":1,"cdn":7} | field 'cdn': must be a string, got integer 7
          control character       | {"v":1,"session_id":"s","seq":1,"type":"end","ts":1,"os":"Li\\u0000nux"} | field 'os': contains control characters
          custom not object       | {"v":1,"session_id":"s","seq":1,"type":"end","ts":1,"custom":["a"]} | field 'custom': must be an object of string values, got array
          custom value not string | {"v":1,"session_id":"s","seq":1,"type":"end","ts":1,"custom":{"a":1}} | field 'custom.a': must be a string, got integer 1
          cmcd without mode       | {"v":1,"session_id":"s","seq":1,"type":"cmcd","ts":1,"cmcd_sn":0} | field 'cmcd_mode': is required on cmcd beacons
          cmcd unknown mode       | {"v":1,"session_id":"s","seq":1,"type":"cmcd","ts":1,"cmcd_mode":"push","cmcd_sn":0} | field 'cmcd_mode': must be one of event, request, got string "push"
          cmcd without sn         | {"v":1,"session_id":"s","seq":1,"type":"cmcd","ts":1,"cmcd_mode":"event"} | field 'cmcd_sn': is required
          cmcd state not a token  | {"v":1,"session_id":"s","seq":1,"type":"cmcd","ts":1,"cmcd_mode":"event","cmcd_sn":0,"cmcd_sta":"P"} | field 'cmcd_sta': must be a CMCD token of 1-8 letters a-z, got "P"
          cmcd field on end       | {"v":1,"session_id":"s","seq":1,"type":"end","ts":1,"cmcd_sn":-1} | field 'cmcd_sn': must be an integer from 0 to 9007199254740991, got integer -1
          """)
  void rejectsWithAReasonNamingTheField(String name, String json, String expected) {
    assertThat(rejection(json)).startsWith(expected);
  }

  @Test
  void rejectsOverlongTextAndTooManyCustomEntries() {
    String longCdn = "x".repeat(BeaconParser.MAX_TEXT_LENGTH + 1);
    assertThat(rejection(base() + ",\"cdn\":\"" + longCdn + "\"}"))
        .isEqualTo("field 'cdn': is 257 characters long, at most 256 are allowed");

    StringBuilder custom = new StringBuilder("{");
    for (int i = 0; i < 11; i++) {
      custom.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    assertThat(rejection(base() + ",\"custom\":" + custom + "}}"))
        .isEqualTo("field 'custom': has 11 entries, at most 10 are allowed");
  }

  @Test
  void longValuesAreCutInMessages() {
    String hugeType = "z".repeat(10_000);
    assertThat(
            rejection(
                "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"" + hugeType + "\",\"ts\":1}"))
        .endsWith("got string \"" + "z".repeat(40) + "...\"")
        .hasSizeLessThan(400);
  }

  @Test
  void futureLimitRejectsTimestampsAheadOfTheServerClock() {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(1_000_000_000L), ZoneOffset.UTC);
    BeaconParser live = BeaconParser.withFutureLimit(clock, Duration.ofHours(1));

    assertThat(live.parse(beacon(1_000_000_000L + 3_600_000L)))
        .isInstanceOf(ParseResult.Valid.class);
    ParseResult tooFar = live.parse(beacon(1_000_000_000L + 7_200_000L));
    assertThat(((ParseResult.Invalid) tooFar).rejection().message())
        .isEqualTo(
            "field 'ts': is 7200 s ahead of the server clock (at most 3600 s allowed): check the"
                + " device clock");
  }

  @Test
  void aFieldGivenTwiceMakesTheJsonMalformedWhereverItIs() {
    assertThat(rejection(base() + ",\"x\":1,\"x\":2}"))
        .isEqualTo("not valid JSON: Duplicate field 'x'");
    assertThat(rejection(base() + ",\"custom\":{\"a\":\"1\",\"a\":\"2\"}}"))
        .isEqualTo("not valid JSON: Duplicate field 'a'");
  }

  @Test
  void aJsonTreeIsJudgedAsItsText() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    for (String json :
        List.of(
            base() + "}",
            "{\"v\":1,\"session_id\":\"s\",\"seq\":1.5,\"type\":\"end\",\"ts\":1}",
            base() + ",\"custom\":{\"a\":1}}",
            base() + ",\"cdn\":[1],\"unknown\":{\"b\":[true]}}",
            "{\"v\":2}",
            "[1,2]")) {
      assertThat(parser.parse(mapper.readTree(json))).as(json).isEqualTo(parser.parse(json));
    }
  }

  @Test
  void readsOneValueOfAStreamAndLeavesTheRest() throws Exception {
    String stream = "[" + base() + "}, 5, {\"v\":1,\"future\":[[{}]]}, \"x\"]";
    try (JsonParser json = new JsonFactory().createParser(stream)) {
      assertThat(json.nextToken()).isEqualTo(JsonToken.START_ARRAY);
      json.nextToken();
      assertThat(parser.parse(json)).isInstanceOf(ParseResult.Valid.class);
      json.nextToken();
      assertThat(((ParseResult.Invalid) parser.parse(json)).rejection().message())
          .isEqualTo("expected a JSON object, got integer 5");
      json.nextToken();
      assertThat(((ParseResult.Invalid) parser.parse(json)).rejection().message())
          .isEqualTo("field 'session_id': is required");
      json.nextToken();
      assertThat(((ParseResult.Invalid) parser.parse(json)).rejection().message())
          .isEqualTo("expected a JSON object, got string \"x\"");
      assertThat(json.nextToken()).isEqualTo(JsonToken.END_ARRAY);
    }
  }

  private static String beacon(long ts) {
    return "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"end\",\"ts\":" + ts + "}";
  }

  private static String base() {
    return "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"end\",\"ts\":1";
  }

  private BeaconEvent valid(String json) {
    ParseResult result = parser.parse(json);
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    return ((ParseResult.Valid) result).event();
  }

  private String rejection(String json) {
    ParseResult result = parser.parse(json);
    assertThat(result).as(json).isInstanceOf(ParseResult.Invalid.class);
    return ((ParseResult.Invalid) result).rejection().message();
  }
}
