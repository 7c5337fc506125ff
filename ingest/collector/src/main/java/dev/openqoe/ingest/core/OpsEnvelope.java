package dev.openqoe.ingest.core;

import java.util.Locale;

/**
 * What the collector checks of a delivery-chain body before it stores it as received: that there is
 * one, and that it is UTF-8 text, as raw topics hold. What the text says (log lines, JSON) is the
 * normaliser's to judge, record by record.
 */
final class OpsEnvelope {

  /** Why a body cannot be stored: the refusal's code and a reason its sender can act on. */
  record Refusal(String code, String reason) {}

  private OpsEnvelope() {}

  /** Null when {@code body} can be stored, else why not. */
  static Refusal check(byte[] body) {
    if (body.length == 0) {
      return new Refusal(
          "empty_body",
          "the request body is empty: send the feed's records, a batch of lines or a JSON array");
    }
    int offset = Utf8Text.firstMalformedByte(body);
    if (offset < 0) {
      return null;
    }
    return new Refusal(
        "not_utf8",
        String.format(
                Locale.ROOT,
                "the body is not UTF-8 text: byte 0x%02X at byte offset %d (line %d) does not"
                    + " belong there in UTF-8",
                body[offset] & 0xff,
                offset,
                lineOf(body, offset))
            + (looksGzipped(body)
                ? "; it looks gzip-compressed: send it with Content-Encoding: gzip"
                : "; send the text as UTF-8"));
  }

  /** The 1-based line of {@code offset}: log files are looked at by line. */
  private static int lineOf(byte[] body, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (body[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static boolean looksGzipped(byte[] body) {
    return body.length >= 2 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b;
  }
}
