package dev.openqoe.docker;

import java.util.List;
import java.util.Set;

/**
 * What must never ship in a production jar or image: the embedded stack (dev broker, Pinot
 * launcher, child-process handling, {@code qoe up}), benchmarks, and a Kafka broker or Scala.
 */
final class DevelopmentClasses {

  static final List<String> PREFIXES =
      List.of(
          "dev/openqoe/embedded/",
          "dev/openqoe/stack/",
          "dev/openqoe/process/ChildJvm",
          "dev/openqoe/process/ScratchDirectory",
          "dev/openqoe/ingest/bench/",
          "dev/openqoe/pinot/server/",
          "kafka/server/",
          "scala/");

  private DevelopmentClasses() {}

  /** The entries of a jar that are development classes. */
  static List<String> in(Set<String> entries) {
    return entries.stream()
        .filter(name -> PREFIXES.stream().anyMatch(name::startsWith))
        .sorted()
        .toList();
  }
}
