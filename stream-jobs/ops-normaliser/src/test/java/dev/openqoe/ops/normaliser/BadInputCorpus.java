package dev.openqoe.ops.normaliser;

import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bad-input corpus (src/test/resources/bad-input): one raw record per file, listed in its
 * {@code cases.tsv} with the feed it is sent to, the valid events it holds itself and a fragment of
 * the reason it must be refused with; and one valid record per feed ({@code valid/<feed>.*}) to
 * send around each case.
 */
final class BadInputCorpus {

  /**
   * @param events the valid lines or elements the record holds besides its bad one
   */
  record Case(String file, OpsFeed feed, byte[] record, int events, String reason) {}

  private static final Path DIR = directory();

  private BadInputCorpus() {}

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (String line : lines(DIR.resolve("cases.tsv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t");
      if (columns.length != 4) {
        throw new IllegalStateException("cases.tsv: not file, feed, events, reason: " + line);
      }
      OpsFeed feed =
          QoeTopics.opsFeed(columns[1])
              .orElseThrow(() -> new IllegalStateException("cases.tsv: no feed " + columns[1]));
      cases.add(
          new Case(
              columns[0],
              feed,
              bytes(DIR.resolve(columns[0])),
              Integer.parseInt(columns[2]),
              columns[3]));
    }
    return cases;
  }

  /** A record of the feed that holds exactly one valid event. */
  static byte[] valid(OpsFeed feed) {
    try (Stream<Path> files = Files.list(DIR.resolve("valid"))) {
      Path file =
          files
              .filter(f -> f.getFileName().toString().startsWith(feed.name() + "."))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no valid record of " + feed.name()));
      return bytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory() {
    try {
      return Path.of(BadInputCorpus.class.getResource("/bad-input/cases.tsv").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
