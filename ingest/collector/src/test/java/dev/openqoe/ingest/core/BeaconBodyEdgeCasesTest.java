package dev.openqoe.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.ParseResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Bodies at the edges of JSON and UTF-8 (issue 20, item 5): data after the root object, lone UTF-16
 * surrogates, bytes that are not UTF-8, C1 control characters. Each is refused with a reason, and
 * the fast scanner's path ({@link BeaconBodyReader#read}) answers exactly as Jackson's does.
 */
class BeaconBodyEdgeCasesTest {

  private static final String EVENT =
      "{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"type\":\"heartbeat\",\"ts\":5}";
  private static final String BATCH = "{\"events\":[" + EVENT + "]}";

  private final BeaconBodyReader reader = new BeaconBodyReader(BeaconParser.lenientClock());

  @Test
  void refusesDataAfterTheRootObject() {
    for (String body :
        new String[] {BATCH + "junk", BATCH + BATCH, BATCH + " ,", EVENT + "]", EVENT + " 1"}) {
      IngestItem.Body read = readBoth(bytes(body));

      assertThat(read).as(body).isInstanceOf(IngestItem.Body.Unreadable.class);
      IngestItem.Body.Unreadable unreadable = (IngestItem.Body.Unreadable) read;
      assertThat(unreadable.code()).isEqualTo("malformed_json");
      assertThat(unreadable.reason())
          .as(body)
          .startsWith("body is not valid JSON: data after the end of the JSON object at byte ");
    }
    // Whitespace after it is no data.
    assertThat(readBoth(bytes(BATCH + " \r\n\t"))).isInstanceOf(IngestItem.Body.Items.class);
  }

  @Test
  void rejectsTextWithALoneSurrogateNamingTheField() {
    assertRejected(
        withAsset("\\ud800"), "asset_id", "contains a lone UTF-16 surrogate \\ud800, not text");
    assertRejected(
        withAsset("a\\udc01b"), "asset_id", "contains a lone UTF-16 surrogate \\udc01, not text");
    assertRejected(
        withAsset("\\ude00\\ud83d"),
        "asset_id",
        "contains a lone UTF-16 surrogate \\ude00, not text");
    assertRejected(
        EVENT.replace("}", ",\"custom\":{\"k\\ud800\":\"x\"}}"),
        "custom",
        "keys must be 1-64 characters without control characters or lone surrogates, got"
            + " \"k\\ud800\"");
    // A pair is one character, as JSON escapes characters outside the basic plane.
    assertAccepted(withAsset("\\ud83d\\ude00"));
  }

  @Test
  void rejectsC1ControlCharactersAsOtherControlCharacters() {
    assertRejected(withAsset("a\\u0085b"), "asset_id", "contains control characters");
    assertRejected(withAsset("a\u0085b"), "asset_id", "contains control characters");
    assertRejected(withAsset("\u009f"), "asset_id", "contains control characters");
    assertRejected(
        EVENT.replace("}", ",\"custom\":{\"tier\":\"\\u0080\"}}"),
        "custom.tier",
        "contains control characters");
    // U+00A0 and above are text.
    assertAccepted(withAsset("caf\u00e9\u00a0\u4e2d"));
  }

  @Test
  void refusesBodiesThatAreNotUtf8NamingTheFirstBadByte() {
    byte[] prefix = bytes("{\"events\":[{\"v\":1,\"session_id\":\"s\",\"seq\":1,\"asset_id\":\"");
    byte[][] bad = {
      {(byte) 0xc3, '('}, // a lead byte without its continuation
      {(byte) 0x80}, // a continuation byte alone
      {(byte) 0xc0, (byte) 0xaf}, // an overlong '/'
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a surrogate encoded as UTF-8 (CESU-8)
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // over U+10FFFF
      {(byte) 0xff}
    };
    for (byte[] sequence : bad) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(prefix);
      body.writeBytes(sequence);
      body.writeBytes(bytes("\",\"type\":\"heartbeat\",\"ts\":5}]}"));

      IngestItem.Body read = readBoth(body.toByteArray());

      assertThat(read)
          .isEqualTo(
              new IngestItem.Body.Unreadable(
                  "not_utf8",
                  String.format(
                      "the body is not UTF-8 text: byte 0x%02X at byte offset %d does not belong"
                          + " there in UTF-8",
                      sequence[0] & 0xff, prefix.length)));
    }
    // Also where the protocol reads nothing: an unknown field's value.
    byte[] unknown = bytes(EVENT.replace("}", ",\"x\":\"__\"}"));
    unknown[unknown.length - 4] = (byte) 0xc3;
    assertThat(readBoth(unknown)).isInstanceOf(IngestItem.Body.Unreadable.class);
  }

  /** Reads the body on both paths, checks they agree, and returns what they read. */
  private IngestItem.Body readBoth(byte[] body) {
    IngestItem.Body jackson = reader.readWithJackson(body);
    assertThat(reader.read(body))
        .as("the fast path agrees with Jackson on %s", new String(body, StandardCharsets.UTF_8))
        .isEqualTo(jackson);
    return jackson;
  }

  private void assertRejected(String event, String field, String reason) {
    for (String body : new String[] {event, "{\"events\":[" + event + "]}"}) {
      IngestItem.Body read = readBoth(bytes(body));
      assertThat(read).as(body).isInstanceOf(IngestItem.Body.Items.class);
      ParseResult result = ((IngestItem.Body.Items) read).items().get(0).result();
      assertThat(result).as(body).isInstanceOf(ParseResult.Invalid.class);
      assertThat(((ParseResult.Invalid) result).rejection().field()).isEqualTo(field);
      assertThat(((ParseResult.Invalid) result).rejection().message())
          .isEqualTo("field '" + field + "': " + reason);
    }
  }

  private void assertAccepted(String event) {
    IngestItem.Body read = readBoth(bytes("{\"events\":[" + event + "]}"));
    assertThat(((IngestItem.Body.Items) read).items().get(0).result())
        .isInstanceOf(ParseResult.Valid.class);
  }

  private static String withAsset(String text) {
    return EVENT.replace("}", ",\"asset_id\":\"" + text + "\"}");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
