package dev.openqoe.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

  @Test
  void splitsOnNewlinesAndStripsCarriageReturns() throws IOException {
    assertThat(read("a\r\nbb\n\nccc", 100)).containsExactly("1:a", "2:bb", "3:", "4:ccc");
  }

  @Test
  void trailingNewlineDoesNotAddALine() throws IOException {
    assertThat(read("a\n", 100)).containsExactly("1:a");
    assertThat(read("", 100)).isEmpty();
  }

  @Test
  void linesOverTheLimitComeBackWithoutText() throws IOException {
    String big = "x".repeat(200_000);

    assertThat(read("ok\n" + big + "\nafter\n", 1_000))
        .containsExactly("1:ok", "2:<200000 bytes>", "3:after");
  }

  @Test
  void decodesUtf8AcrossChunkBoundaries() throws IOException {
    String text = "é".repeat(40_000) + "\n€";

    List<String> lines = read(text, 1 << 20);

    assertThat(lines.get(0)).isEqualTo("1:" + "é".repeat(40_000));
    assertThat(lines.get(1)).isEqualTo("2:€");
  }

  private static List<String> read(String text, int limit) throws IOException {
    BoundedLineReader reader =
        new BoundedLineReader(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limit);
    List<String> lines = new ArrayList<>();
    BoundedLineReader.Line line;
    while ((line = reader.next()) != null) {
      lines.add(
          line.number()
              + ":"
              + (line.text() == null ? "<" + line.length() + " bytes>" : line.text()));
    }
    return lines;
  }
}
