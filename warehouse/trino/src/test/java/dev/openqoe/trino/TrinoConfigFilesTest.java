package dev.openqoe.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.warehouse.WarehouseConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrinoConfigFilesTest {

  @TempDir Path dir;

  private TrinoSettings settings(String heap) {
    return new TrinoSettings(
        dir.resolve("trino-476"),
        new JavaRuntime(dir.resolve("jdk"), Runtime.Version.parse("25.0.3")),
        WarehouseConfig.embedded(dir.resolve("data")),
        dir.resolve("data/trino"),
        18085,
        heap,
        TrinoSettings.START_TIMEOUT);
  }

  @Test
  void theServerListensAndAnnouncesItselfOnLoopbackOnly() throws IOException {
    TrinoSettings settings = settings("2G");
    Path config = TrinoConfigFiles.write(settings);

    Properties node = load(settings.etcDir().resolve("node.properties"));
    assertThat(node.getProperty("node.bind-ip")).isEqualTo("127.0.0.1");
    assertThat(node.getProperty("node.internal-address")).isEqualTo("127.0.0.1");
    assertThat(node.getProperty("node.data-dir"))
        .isEqualTo(dir.resolve("data/trino/var").toString());
    Properties server = load(config);
    assertThat(server.getProperty("http-server.http.port")).isEqualTo("18085");
    assertThat(server.getProperty("discovery.uri")).isEqualTo("http://127.0.0.1:18085");
    assertThat(server.getProperty("coordinator")).isEqualTo("true");
    assertThat(server.getProperty("node-scheduler.include-coordinator")).isEqualTo("true");
    assertThat(server.getProperty("catalog.config-dir"))
        .isEqualTo(settings.etcDir().resolve("catalog").toString());
    assertThat(
            load(settings.etcDir().resolve("catalog/qoe.properties")).getProperty("connector.name"))
        .isEqualTo("iceberg");
    assertThat(Files.readAllLines(settings.etcDir().resolve("jvm.config")))
        .contains("-Xmx2G", "-Dfile.encoding=UTF-8", "-XX:+ExitOnOutOfMemoryError");
  }

  @Test
  void theCommandRunsTrinosMainBehindTheParentWatchOnTheChosenJava() {
    TrinoSettings settings = settings("1536M");
    List<String> command =
        TrinoServer.command(settings, settings.etcDir().resolve("config.properties"));

    assertThat(command.get(0)).isEqualTo(dir.resolve("jdk/bin/java").toString());
    assertThat(command)
        .contains("-Xmx1536M", "-Dnode.bind-ip=127.0.0.1", "-Dnode.environment=openqoe")
        .contains("-Dconfig=" + settings.etcDir().resolve("config.properties"))
        .endsWith(TrinoChildMain.class.getName());
    assertThat(command.get(command.indexOf("-cp") + 1))
        .startsWith(dir.resolve("trino-476/lib") + "/*:")
        .endsWith(dir.resolve("data/trino/launcher").toString());
    assertThat(dir.resolve("data/trino/launcher/dev/openqoe/trino/TrinoChildMain.class"))
        .isRegularFile();
    assertThat(dir.resolve("data/trino/plugin/iceberg"))
        .isSymbolicLink()
        .satisfies(
            link ->
                assertThat(Files.readSymbolicLink(link))
                    .isEqualTo(dir.resolve("trino-476/plugin/iceberg")));
  }

  @Test
  void aBackslashInAValueSurvivesTrinosPropertiesLoader() throws IOException {
    Path file = dir.resolve("p.properties");
    Files.writeString(file, TrinoConfigFiles.properties(java.util.Map.of("password", "a\\b=c:d")));

    assertThat(load(file).getProperty("password")).isEqualTo("a\\b=c:d");
  }

  @Test
  void aHeapThatIsNotASizeIsRefused() {
    assertThatThrownBy(() -> settings("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("QOE_TRINO_HEAP");
  }

  private static Properties load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    }
    return properties;
  }
}
