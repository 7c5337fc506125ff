package dev.openqoe.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertyRegistryTest {

  @TempDir Path dir;

  @Test
  void findsPropertiesByAnyOfTheirKeys() throws Exception {
    Path file = dir.resolve("properties.json");
    Files.writeString(
        file,
        """
        {"properties": [
          {"id": "shop", "keys": ["k1", "k2"], "allowed_origins": ["https://shop.example"],
           "rate_limit_per_second": 50},
          {"id": "news", "keys": ["k3"], "allowed_origins": ["*"]}
        ]}
        """);

    PropertyRegistry registry = PropertyRegistry.load(file);

    assertThat(registry.byKey("k2").id()).isEqualTo("shop");
    assertThat(registry.byKey("k2").requestsPerSecond()).isEqualTo(50);
    assertThat(registry.byKey("k3").requestsPerSecond()).isEqualTo(1000);
    assertThat(registry.byKey("nope")).isNull();
    assertThat(registry.byKey(null)).isNull();
    assertThat(registry.byKey("k1").allowsOrigin("https://shop.example")).isTrue();
    assertThat(registry.byKey("k1").allowsOrigin("https://evil.example")).isFalse();
    assertThat(registry.byKey("k3").allowsOrigin("https://evil.example")).isTrue();
  }

  @Test
  void refusesAKeyUsedByTwoProperties() throws Exception {
    Path file = dir.resolve("properties.json");
    Files.writeString(
        file,
        "{\"properties\": [{\"id\": \"a\", \"keys\": [\"k\"]}, {\"id\": \"b\", \"keys\": [\"k\"]}]}");

    assertThatThrownBy(() -> PropertyRegistry.load(file)).hasMessageContaining("reused");
  }

  @Test
  void refusesAPropertyWithoutKeysNamingTheFile() throws Exception {
    Path file = dir.resolve("properties.json");
    Files.writeString(file, "{\"properties\": [{\"id\": \"a\", \"keys\": []}]}");

    assertThatThrownBy(() -> PropertyRegistry.load(file))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("needs an id and ingest keys");
  }

  @Test
  void findsDeliveryChainProducersByTheirOwnSecretKeysOnly() throws Exception {
    Path file = dir.resolve("properties.json");
    Files.writeString(
        file,
        """
        {"properties": [
          {"id": "shop", "keys": ["player-1"], "ops_keys": ["shipper-1", "shipper-2"]},
          {"id": "news", "keys": ["player-2"]}
        ]}
        """);

    PropertyRegistry registry = PropertyRegistry.load(file);

    assertThat(registry.byOpsKey("shipper-2").id()).isEqualTo("shop");
    assertThat(registry.byOpsKey("player-1")).isNull();
    assertThat(registry.byKey("shipper-1")).isNull();
    assertThat(registry.byKey("player-2").opsKeys()).isEmpty();
  }

  @Test
  void refusesAnOpsKeyThatIsAlsoAPlayerKey() throws Exception {
    Path file = dir.resolve("properties.json");
    Files.writeString(
        file,
        """
        {"properties": [
          {"id": "a", "keys": ["k"]},
          {"id": "b", "keys": ["k2"], "ops_keys": ["k"]}
        ]}
        """);

    assertThatThrownBy(() -> PropertyRegistry.load(file))
        .hasMessageContaining("ops key of 'b' is also a player ingest key");
  }

  @Test
  void theShippedExamplePropertiesFileLoads() {
    assertThat(PropertyRegistry.load(Path.of("config", "properties.example.json")).all())
        .isNotEmpty();
  }

  @Test
  void servesTheDevPropertyWhenNothingIsConfigured() {
    assertThat(PropertyRegistry.devDefault().byKey("dev-key").id()).isEqualTo("dev");
    assertThat(PropertyRegistry.devDefault().byOpsKey("dev-key").id()).isEqualTo("dev");
  }

  @Test
  void takesKeysAsTheirSha256DigestsAndFindsThemByTheKey() throws Exception {
    // printf %s 'player-secret-1' | sha256sum
    String digest = KeyDigests.entryFor("player-secret-1");
    assertThat(digest).startsWith("sha256:").hasSize(7 + 64);
    Path file = dir.resolve("hashed.json");
    Files.writeString(
        file,
        "{\"properties\": [{\"id\": \"shop\", \"keys\": [\""
            + digest.toUpperCase().replace("SHA256:", "sha256:")
            + "\", \"plain-key\"], \"ops_keys\": [\""
            + KeyDigests.entryFor("shipper-secret")
            + "\"]}]}");

    PropertyRegistry registry = PropertyRegistry.load(file);

    assertThat(registry.byKey("player-secret-1").id()).isEqualTo("shop");
    assertThat(registry.byKey("plain-key").id()).isEqualTo("shop");
    assertThat(registry.byOpsKey("shipper-secret").id()).isEqualTo("shop");
    // The digest itself is no key.
    assertThat(registry.byKey(digest)).isNull();
    assertThat(registry.byKey("player-secret-2")).isNull();
    assertThat(registry.plainKeys()).isEqualTo(1);
  }

  @Test
  void aKeyAndItsDigestAreOneKeyAndABadDigestIsNamed() throws Exception {
    Path reused = dir.resolve("reused.json");
    Files.writeString(
        reused,
        "{\"properties\": [{\"id\": \"a\", \"keys\": [\"k1\"]}, {\"id\": \"b\", \"keys\":"
            + " [\""
            + KeyDigests.entryFor("k1")
            + "\"]}]}");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"properties\": [{\"id\": \"a\", \"keys\": [\"sha256:abc\"]}]}");

    assertThatThrownBy(() -> PropertyRegistry.load(reused))
        .hasMessageContaining("ingest key of 'b' is reused");
    assertThatThrownBy(() -> PropertyRegistry.load(bad))
        .hasMessageContaining(
            "property 'a': a key entry starting with sha256: must be followed by 64 hex digits");
  }
}
