package dev.openqoe.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The envelope of a delivery-chain body: present, and UTF-8 throughout. */
class OpsEnvelopeTest {

  @Test
  void takesUtf8TextOfEveryLengthOfSequenceAsItIs() {
    String text = "#Fields: a b\n\uFEFFcaf\u00e9 \u20ac \uD83C\uDFAC\r\n\t\u0000end";
    // Longer than the decoder's chunk, so the text is checked past its first chunk too.
    byte[] body = text.repeat(2000).getBytes(StandardCharsets.UTF_8);

    assertThat(OpsEnvelope.check(body)).isNull();
  }

  @Test
  void refusesAnEmptyBody() {
    assertThat(OpsEnvelope.check(new byte[0]).code()).isEqualTo("empty_body");
  }

  @Test
  void namesTheFirstByteThatIsNotUtf8() {
    assertMalformedAt(bytes("ok\n", 0x80), 3, 0x80, 2); // a stray continuation byte
    assertMalformedAt(bytes("a", 0xC0, 0xAF), 1, 0xC0, 1); // an overlong '/'
    assertMalformedAt(bytes("ab", 0xED, 0xA0, 0x80), 2, 0xED, 1); // a UTF-16 surrogate
    assertMalformedAt(bytes("", 0xF4, 0x90, 0x80, 0x80), 0, 0xF4, 1); // over U+10FFFF
    assertMalformedAt(bytes("x\ny\n", 0xE2, 0x82), 4, 0xE2, 3); // cut off at the end
    assertMalformedAt(bytes("", 0xFF), 0, 0xFF, 1);
  }

  @Test
  void findsABadByteFarIntoALargeBody() {
    byte[] text = "line\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);
    text[400_002] = (byte) 0xC3;

    assertThat(OpsEnvelope.check(text).reason())
        .contains("byte 0xC3 at byte offset 400002 (line 80001)");
  }

  private static void assertMalformedAt(byte[] body, int offset, int value, int line) {
    OpsEnvelope.Refusal refusal = OpsEnvelope.check(body);
    assertThat(refusal.code()).isEqualTo("not_utf8");
    assertThat(refusal.reason())
        .contains(
            String.format(
                "byte 0x%02X at byte offset %d (line %d) does not belong there in UTF-8",
                value, offset, line));
  }

  private static byte[] bytes(String prefix, int... tail) {
    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    for (int i = 0; i < tail.length; i++) {
      body[head.length + i] = (byte) tail[i];
    }
    return body;
  }
}
