package dev.openqoe.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeaconBodyReaderTest {

  private static final String VALID =
      "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"heartbeat\",\"ts\":5}";
  private final BeaconBodyReader reader = new BeaconBodyReader(BeaconParser.lenientClock());

  @Test
  void keepsARejectedEventsTextExactlyAsReceived() {
    String bad = "{ \"v\" : 1,\n  \"session_id\": \"é s\", \"x\": [1, {\"y\": null}] }";
    List<IngestItem> items = items("{\"events\": [ " + VALID + " ,\n " + bad + ", 7 ]}");

    assertThat(items).hasSize(3);
    assertThat(items.get(0).result()).isInstanceOf(ParseResult.Valid.class);
    assertThat(items.get(0).payload()).isNull();
    assertThat(items.get(1).payload()).isEqualTo(bad);
    assertThat(items.get(2).payload()).isEqualTo("7");
    assertThat(((ParseResult.Invalid) items.get(2).result()).rejection().message())
        .isEqualTo("expected a JSON object, got integer 7");
  }

  @Test
  void findsTheEventsWhereverTheyAreInTheObject() {
    List<IngestItem> items =
        items("{\"sdk\":\"web-1.2\",\"v\":3,\"events\":[" + VALID + "," + VALID + "],\"n\":2}");

    assertThat(items).hasSize(2);
    assertThat(items).allMatch(item -> item.result() instanceof ParseResult.Valid);
  }

  @Test
  void readsAnObjectWithoutEventsAsOneEventKeepingTheWholeBody() {
    assertThat(items(VALID))
        .singleElement()
        .satisfies(item -> assertThat(item.result()).isInstanceOf(ParseResult.Valid.class));

    String unordered = "{\"ts\":5,\"type\":\"heartbeat\",\"v\":2,\"seq\":1,\"session_id\":\"s\"}";
    IngestItem item = items(unordered).get(0);
    assertThat(((ParseResult.Invalid) item.result()).rejection().message())
        .isEqualTo("field 'v': must be 1 (the protocol version), got integer 2");
    assertThat(item.payload()).isEqualTo(unordered);

    assertThat(((ParseResult.Invalid) items("{}").get(0).result()).rejection().message())
        .isEqualTo("field 'v': is required");
  }

  @Test
  void refusesBodiesThatAreNoBatch() {
    assertThat(read("[" + VALID + "]"))
        .isEqualTo(
            new IngestItem.Body.Unreadable(
                "not_a_batch",
                "expected {\"events\": [...]} or one event object, got a JSON array"));
    assertThat(read("{\"events\":{\"a\":1}}"))
        .isEqualTo(
            new IngestItem.Body.Unreadable("not_a_batch", "\"events\" must be an array of events"));
    assertThat(read("{\"events\":[],\"events\":[]}"))
        .isEqualTo(
            new IngestItem.Body.Unreadable(
                "malformed_json", "body is not valid JSON: Duplicate field 'events'"));
    assertThat(read("{\"events\":[" + VALID.replace("}", ",\"seq\":2}") + "]}"))
        .isEqualTo(
            new IngestItem.Body.Unreadable(
                "malformed_json", "body is not valid JSON: Duplicate field 'seq'"));
    assertThat(read("")).isEqualTo(new IngestItem.Body.Items(List.of()));
  }

  private List<IngestItem> items(String body) {
    IngestItem.Body read = read(body);
    assertThat(read).isInstanceOf(IngestItem.Body.Items.class);
    return ((IngestItem.Body.Items) read).items();
  }

  private IngestItem.Body read(String body) {
    return reader.read(body.getBytes(StandardCharsets.UTF_8));
  }
}
