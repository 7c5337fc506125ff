package dev.openqoe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.ingest.CollectorMain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The collector jar that docker/collector/Dockerfile puts into the image, as this reactor built it:
 * the collector and its libraries, nothing of the embedded stack or the benchmark.
 */
class CollectorJarTest {

  private static final Path JAR =
      Compose.REPOSITORY.resolve("ingest/collector/target/qoe-collector.jar");

  @Test
  void carriesTheCollectorAndNoDevelopmentClasses() throws IOException {
    assertThat(JAR).as("built by ingest/collector (mvn package)").isRegularFile();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(CollectorMain.class.getName());
      Set<String> entries = new TreeSet<>();
      jar.stream().map(JarEntry::getName).forEach(entries::add);
      assertThat(entries)
          .contains(
              CollectorMain.class.getName().replace('.', '/') + ".class",
              "dev/openqoe/kafka/QoeTopics.class",
              "org/apache/kafka/clients/producer/KafkaProducer.class",
              "io/vertx/core/Vertx.class");
      assertThat(DevelopmentClasses.in(entries))
          .as("development classes in the collector jar")
          .isEmpty();
    }
  }
}
