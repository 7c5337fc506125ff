package dev.openqoe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.lag.LagMonitorCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The lag monitor jar that docker/lag-monitor/Dockerfile puts into the image, as this reactor built
 * it: the monitor, the Kafka client, the Prometheus exposition, the Pinot tables it watches, and
 * nothing of the embedded stack (no Pinot server, no Kafka broker).
 */
class LagMonitorJarTest {

  private static final Path JAR =
      Compose.REPOSITORY.resolve("stream-jobs/lag-monitor/target/qoe-lag-monitor.jar");

  @Test
  void carriesTheMonitorAndNoDevelopmentClasses() throws IOException {
    assertThat(JAR).as("built by stream-jobs/lag-monitor (mvn package)").isRegularFile();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(LagMonitorCommand.class.getName());
      Set<String> entries = new TreeSet<>();
      jar.stream().map(JarEntry::getName).forEach(entries::add);
      assertThat(entries)
          .contains(
              "dev/openqoe/lag/LagReader.class",
              "dev/openqoe/pinot/PinotTable.class",
              "pinot/qoe_sessions.table.json",
              "org/apache/kafka/clients/admin/Admin.class",
              "io/prometheus/metrics/expositionformats/PrometheusTextFormatWriter.class",
              "org/slf4j/simple/SimpleLogger.class");
      assertThat(DevelopmentClasses.in(entries))
          .as("development classes in the lag monitor jar")
          .isEmpty();
    }
  }
}
