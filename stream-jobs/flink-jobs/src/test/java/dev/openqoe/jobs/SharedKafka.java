package dev.openqoe.jobs;

import dev.openqoe.kafka.EmbeddedKafka;
import dev.openqoe.process.ScratchDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The one Kafka broker of this module's integration tests: started on first use, once. */
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
      EmbeddedKafka started = kafka;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.stop();
                    ScratchDirectory.delete(started.dataDir());
                  },
                  "shared-kafka-stop"));
    }
    return kafka;
  }
}
