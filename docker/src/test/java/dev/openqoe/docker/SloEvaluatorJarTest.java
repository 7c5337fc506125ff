package dev.openqoe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.slo.evaluator.SloCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The SLO evaluator jar that docker/slo-evaluator/Dockerfile puts into the image, as this reactor
 * built it: the evaluator, the SLO file reader, the Pinot broker client and the Kafka client, and
 * nothing of the embedded stack (no Pinot server, no Kafka broker).
 */
class SloEvaluatorJarTest {

  private static final Path JAR =
      Compose.REPOSITORY.resolve("stream-jobs/slo-evaluator/target/qoe-slo-evaluator.jar");

  @Test
  void carriesTheEvaluatorAndNoDevelopmentClasses() throws IOException {
    assertThat(JAR).as("built by stream-jobs/slo-evaluator (mvn package)").isRegularFile();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(SloCli.class.getName());
      Set<String> entries = new TreeSet<>();
      jar.stream().map(JarEntry::getName).forEach(entries::add);
      assertThat(entries)
          .contains(
              "dev/openqoe/slo/evaluator/SloEvaluatorCommand.class",
              "dev/openqoe/slo/evaluator/AlertsCommand.class",
              "dev/openqoe/slo/SloFile.class",
              "dev/openqoe/pinot/PinotBroker.class",
              "dev/openqoe/kafka/QoeTopics.class",
              "org/apache/kafka/clients/producer/KafkaProducer.class");
      assertThat(DevelopmentClasses.in(entries))
          .as("development classes in the SLO evaluator jar")
          .isEmpty();
    }
  }
}
