package dev.openqoe.ingest.core;

import static dev.openqoe.ingest.GzipBodies.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {

  @Test
  void inflatesGzip() throws Exception {
    BodyDecoder.Decoded decoded =
        BodyDecoder.gunzip(gzip("{\"v\":1}".getBytes(StandardCharsets.UTF_8)), 1024);

    assertThat(decoded).isInstanceOf(BodyDecoder.Decoded.Body.class);
    assertThat(new String(((BodyDecoder.Decoded.Body) decoded).bytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"v\":1}");
  }

  @Test
  void stopsInflatingABombAtTheLimit() throws Exception {
    byte[] bomb = gzip(new byte[50_000_000]);

    assertThat(bomb.length).isLessThan(100_000);
    assertThat(BodyDecoder.gunzip(bomb, 262_144))
        .isEqualTo(new BodyDecoder.Decoded.TooLarge(262_144));
  }

  @Test
  void reportsTruncatedAndForeignBodiesAsMalformed() throws Exception {
    byte[] gzip = gzip(new byte[1000]);
    byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);

    assertThat(BodyDecoder.gunzip(truncated, 1024))
        .isInstanceOf(BodyDecoder.Decoded.Malformed.class);
    assertThat(BodyDecoder.gunzip("plain".getBytes(StandardCharsets.UTF_8), 1024))
        .isInstanceOfSatisfying(
            BodyDecoder.Decoded.Malformed.class,
            malformed -> assertThat(malformed.reason()).startsWith("body is not valid gzip"));
  }
}
