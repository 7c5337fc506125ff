package dev.openqoe.jobs;

import dev.openqoe.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The one Kafka broker of this module's integration tests: started on first use, once; stopped and
 * its data deleted when the JVM exits.
 */
final class SharedKafka {

  private static EmbeddedKafka kafka;

  private SharedKafka() {}

  static synchronized EmbeddedKafka get() {
    if (kafka == null) {
      try {
        kafka = EmbeddedKafka.on(Files.createTempDirectory("qoe-flink-it-kafka"), 0).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      kafka.stopAndDeleteAtExit();
    }
    return kafka;
  }
}
