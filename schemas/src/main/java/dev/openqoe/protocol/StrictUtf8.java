package dev.openqoe.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text of bytes that must be UTF-8: a malformed sequence is an error, never a silent U+FFFD, so
 * what is stored as text is exactly what was sent.
 */
public final class StrictUtf8 {

  private StrictUtf8() {}

  /**
   * @throws CharacterCodingException naming the first malformed input, when the bytes are not UTF-8
   */
  public static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
