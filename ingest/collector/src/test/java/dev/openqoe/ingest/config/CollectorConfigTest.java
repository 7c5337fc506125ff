package dev.openqoe.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigTest {

  @TempDir Path dir;

  @Test
  void defaultsBindToLoopbackWithTheDocumentedLimits() {
    CollectorConfig config = CollectorConfig.load(new String[0], Map.of());

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8480);
    assertThat(config.maxBodyBytes()).isEqualTo(256 * 1024);
    assertThat(config.maxOpsBodyBytes()).isEqualTo(768 * 1024);
    assertThat(config.maxEventsPerBatch()).isEqualTo(500);
    assertThat(config.usesEmbeddedKafka()).isTrue();
    assertThat(config.propertiesFile()).isNull();
    assertThat(config.geoipDatabase()).isNull();
    assertThat(config.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config).isEqualTo(CollectorConfig.DEFAULTS);
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheConfigFile() throws Exception {
    Path file = dir.resolve("collector.properties");
    Files.writeString(file, "port=9000\nmax-events-per-batch=50\nkafka.bootstrap=kafka-1:9092\n");

    CollectorConfig config =
        CollectorConfig.load(
            new String[] {"--config", file.toString(), "--port=9100"},
            Map.of("QOE_COLLECTOR_PORT", "9050", "QOE_COLLECTOR_RESPONSE_TIMEOUT_MS", "750"));

    assertThat(config.port()).isEqualTo(9100);
    assertThat(config.responseTimeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(config.maxEventsPerBatch()).isEqualTo(50);
    assertThat(config.kafkaBootstrap()).isEqualTo("kafka-1:9092");
    assertThat(config.usesEmbeddedKafka()).isFalse();
  }

  @Test
  void flagsTakeTheirValueAfterAnEqualsSignOrAsTheNextArgument() {
    CollectorConfig config =
        CollectorConfig.load(new String[] {"--port", "9200", "--kafka.linger-ms=0"}, Map.of());

    assertThat(config.port()).isEqualTo(9200);
    assertThat(config.kafkaLingerMs()).isZero();
    assertThatThrownBy(() -> CollectorConfig.load(new String[] {"--port"}, Map.of()))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> CollectorConfig.load(new String[] {"9200"}, Map.of()))
        .hasMessageContaining("unexpected argument '9200'");
  }

  @Test
  void namesEnvironmentVariablesAfterTheKeys() {
    assertThat(CollectorConfig.Setting.PER_IP_REQUESTS_PER_SECOND.environmentVariable())
        .isEqualTo("QOE_COLLECTOR_RATE_LIMIT_PER_IP");
    assertThat(CollectorConfig.usage())
        .contains("--kafka.bootstrap")
        .contains("QOE_COLLECTOR_PORT");
  }

  @Test
  void errorsNameTheSettingAndTheValue() throws Exception {
    assertThatThrownBy(() -> CollectorConfig.load(new String[] {"--port=http"}, Map.of()))
        .hasMessageContaining("port")
        .hasMessageContaining("'http'");
    assertThatThrownBy(() -> CollectorConfig.load(new String[] {"--prot=1"}, Map.of()))
        .hasMessageContaining("unknown flag --prot");
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "colour=blue\n");
    assertThatThrownBy(() -> CollectorConfig.load(new String[] {"--config=" + file}, Map.of()))
        .hasMessageContaining("unknown setting 'colour'");
    assertThatThrownBy(
            () ->
                CollectorConfig.load(
                    new String[0], Map.of("QOE_COLLECTOR_TRUST_FORWARDED_FOR", "yes")))
        .hasMessageContaining("trust-forwarded-for must be true or false");
    // Without the proxies' networks every X-Forwarded-For entry could be the client's own.
    assertThatThrownBy(
            () -> CollectorConfig.load(new String[] {"--trust-forwarded-for=true"}, Map.of()))
        .hasMessageContaining("trust-forwarded-for=true needs trusted-proxies");
    assertThatThrownBy(
            () ->
                CollectorConfig.load(
                    new String[0], Map.of("QOE_COLLECTOR_TRUSTED_PROXIES", "10.0.0.0/8,lb-1")))
        .hasMessageContaining("setting trusted-proxies: 'lb-1' is not an IP address");
    // More than 5 requests in flight would break the idempotent producer's ordering guarantee.
    assertThatThrownBy(
            () -> CollectorConfig.load(new String[] {"--kafka.max-in-flight=6"}, Map.of()))
        .hasMessageContaining("kafka.max-in-flight");
  }

  @Test
  void aDeliveryChainBodyMustFitOneKafkaRecord() {
    assertThat(
            CollectorConfig.load(
                    new String[0], Map.of("QOE_COLLECTOR_MAX_OPS_BODY_BYTES", "1000000"))
                .maxOpsBodyBytes())
        .isEqualTo(1_000_000);
    // Kafka's default record limit is 1 MiB: a larger body would be refused by the producer on
    // every retry.
    assertThatThrownBy(
            () -> CollectorConfig.load(new String[] {"--max-ops-body-bytes=1048576"}, Map.of()))
        .hasMessageContaining("max-ops-body-bytes must be an integer from 1024 to 1000000");
  }

  @Test
  void theShippedExampleConfigsAreValid() {
    for (String example :
        new String[] {"collector-embedded.properties", "collector-cluster.properties"}) {
      Path file = Path.of("config", example);
      assertThat(file).exists();
      CollectorConfig.load(new String[] {"--config", file.toString()}, Map.of());
    }
  }
}
