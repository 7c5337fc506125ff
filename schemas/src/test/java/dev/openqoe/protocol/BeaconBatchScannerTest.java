package dev.openqoe.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BeaconBatchScannerTest {

  private static final String FULL =
      "{\"v\":1,\"session_id\":\"S.1:x_y-z\",\"seq\":12,\"type\":\"error\",\"ts\":1700000000000,"
          + "\"bitrate_kbps\":3000,\"playhead_ms\":5000,\"error_code\":\"E42\",\"error_fatal\":true,"
          + "\"error_category\":\"business\",\"viewer_id\":\"v\",\"asset_id\":\"a\","
          + "\"stream_type\":\"live\",\"player_name\":\"hls.js\",\"player_version\":\"1.5.0\","
          + "\"device_type\":\"desktop\",\"os\":\"Linux\",\"app_version\":\"3.1\",\"cdn\":\"cdn-a\","
          + "\"drm_system\":\"widevine\",\"custom\":{\"tier\":\"gold\",\"n\":null},\"sdk\":\"x\"}";
  private static final String MINIMAL =
      "{\"v\":1,\"session_id\":\"s\",\"seq\":0,\"type\":\"heartbeat\",\"ts\":5}";

  private final BeaconParser parser = BeaconParser.lenientClock();
  private final BeaconBatchScanner scanner = new BeaconBatchScanner(parser);

  @Test
  void readsEachEventAsTheParserDoesAndWhereItIsInTheBody() {
    String[] events = {
      FULL,
      MINIMAL,
      " { \"v\" : 2 ,\n\t\"seq\" : 7 }",
      "{\"v\":1,\"session_id\":\"s\",\"seq\":0,\"type\":\"heartbeat\",\"ts\":99999999999999999}",
      "{\"v\":1,\"custom\":{\"k\":5}}",
      "{\"custom\":\"flat\",\"error_fatal\":false,\"os\":\"\u007f\"}",
      "{}"
    };
    String body = " {\"events\" :\r\n[" + String.join(",", events) + "] } \n";

    List<BeaconBatchScanner.ScannedEvent> scanned = scanner.scan(bytes(body));

    assertThat(scanned).hasSize(events.length);
    for (int i = 0; i < events.length; i++) {
      BeaconBatchScanner.ScannedEvent event = scanned.get(i);
      String text = body.substring(event.start(), event.end());
      assertThat(text).isEqualTo(events[i].strip());
      assertThat(event.result()).isEqualTo(parser.parse(events[i]));
    }
    assertThat(scanned.get(0).result()).isInstanceOf(ParseResult.Valid.class);
    assertThat(scanned.get(1).result()).isInstanceOf(ParseResult.Valid.class);
    assertThat(((ParseResult.Invalid) scanned.get(3).result()).rejection().field()).isEqualTo("ts");
  }

  @Test
  void readsAnEmptyBatch() {
    assertThat(scanner.scan(bytes("{\"events\":[ ]}"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "[]",
        "{}",
        "{\"events\":[]} x",
        "{\"events\":[],}",
        "{\"events\":[], \"sdk\":\"web\"}",
        "{\"sdk\":\"web\",\"events\":[]}",
        "{\"events\":{}}",
        "{\"events\":[7]}",
        "{\"events\":[{},]}",
        "{\"events\":[{}",
        "{\"events\":[{\"v\":1",
        "{\"events\":[{\"os\":\"trunc",
        "{\"events\":[{\"os\":\"a\\\"b\"}]}",
        "{\"events\":[{\"os\":\"caf\u00e9\"}]}",
        "\ufeff{\"events\":[]}",
        "{\"events\":[{\"os\":\"a\tb\"}]}",
        "{\"events\":[{\"v\":1.0}]}",
        "{\"events\":[{\"v\":1e0}]}",
        "{\"events\":[{\"v\":-1}]}",
        "{\"events\":[{\"v\":01}]}",
        "{\"events\":[{\"ts\":1234567890123456789}]}",
        "{\"events\":[{\"v\":1x}]}",
        "{\"events\":[{\"v\":tru}]}",
        "{\"events\":[{\"v\":truex}]}",
        "{\"events\":[{\"v\":nul}]}",
        "{\"events\":[{\"v\":1,\"v\":1}]}",
        "{\"events\":[{\"x\":1,\"x\":2}]}",
        "{\"events\":[{\"custom\":{\"k\":\"a\",\"k\":\"b\"}}]}",
        "{\"events\":[{\"custom\":{\"k\":[]}}]}",
        "{\"events\":[{\"x\":{\"y\":1}}]}",
        "{\"events\":[{\"custom\":[\"a\"]}]}",
        "{\"events\":[{v:1}]}",
        "{\"events\":[{\"v\" 1}]}",
        "{\"events\":[{\"v\":1 \"seq\":2}]}",
        "{\"events\":[{\"a-field-name-that-is-longer-than-any-the-protocol-or-a-custom-key-has\":1}]}"
      })
  void leavesEveryOtherBodyToJackson(String body) {
    assertThat(scanner.scan(bytes(body))).isNull();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
