package dev.openqoe.ingest.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/** Inflates gzip request bodies without ever holding more than the configured limit. */
final class BodyDecoder {

  /** The inflated body, or the reason it could not be inflated. */
  sealed interface Decoded {
    record Body(byte[] bytes) implements Decoded {}

    record TooLarge(int limit) implements Decoded {}

    record Malformed(String reason) implements Decoded {}
  }

  private BodyDecoder() {}

  static Decoded gunzip(byte[] compressed, int limit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, compressed.length * 4));
    byte[] buffer = new byte[8192];
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        if (out.size() + read > limit) {
          return new Decoded.TooLarge(limit);
        }
        out.write(buffer, 0, read);
      }
    } catch (IOException e) {
      return new Decoded.Malformed("body is not valid gzip: " + e.getMessage());
    }
    return new Decoded.Body(out.toByteArray());
  }
}
