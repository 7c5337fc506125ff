package dev.openqoe.ingest;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.kafka.QoeTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one Kafka broker shared by every integration test of this JVM: started on first use, stopped
 * and its data deleted when the JVM exits. A test that stops it (the outage test) starts it again
 * on the same ports and data directory before it ends.
 */
public final class SharedKafka {

  private static EmbeddedKafka kafka;

  private SharedKafka() {}

  public static synchronized EmbeddedKafka get() {
    if (kafka == null) {
      try {
        Path dir = Files.createTempDirectory("qoe-collector-it-kafka");
        kafka = EmbeddedKafka.on(dir, 0).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      kafka.createTopics(QoeTopics.ALL);
      kafka.stopAndDeleteAtExit();
    }
    return kafka;
  }
}
