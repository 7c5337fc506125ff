package dev.openqoe.ingest.core;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether bytes are UTF-8 text throughout, judged by the JDK's strict decoder: a stray continuation
 * byte, a truncated or overlong sequence, an encoded surrogate or a code point over U+10FFFF is
 * not. Parsers that decode leniently would turn such bytes into replacement characters or lone
 * surrogates, so what is stored would no longer be what was sent.
 */
final class Utf8Text {

  private static final int CHUNK_CHARS = 8192;

  private Utf8Text() {}

  /** The offset of the first byte that does not belong where it stands, or -1 when none. */
  static int firstMalformedByte(byte[] bytes) {
    int i = 0;
    // Most bodies are ASCII: a plain loop finds that without a decoder.
    while (i < bytes.length && bytes[i] >= 0) {
      i++;
    }
    if (i == bytes.length) {
      return -1;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, i, bytes.length - i);
    CharBuffer out = CharBuffer.allocate(CHUNK_CHARS);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return -1;
      }
      out.clear();
    }
  }
}
