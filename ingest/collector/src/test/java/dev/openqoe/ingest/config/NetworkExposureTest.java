package dev.openqoe.ingest.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkExposureTest {

  private static final PropertyRegistry DEV = PropertyRegistry.devDefault();

  @Test
  void refusesTheDevelopmentKeyOnAnAddressOtherMachinesReach() {
    for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10", "collector.internal"}) {
      assertThatThrownBy(() -> NetworkExposure.check(config("--host=" + host), DEV))
          .as(host)
          .hasMessageContaining("the development key dev-key is accepted and host " + host)
          .hasMessageContaining("allow-dev-key-on-network=true");
    }
    // Also when a properties file copied it.
    PropertyRegistry copied =
        new PropertyRegistry(
            List.of(new IngestProperty("p", List.of("dev-key"), List.of(), Set.of("*"), 10)));
    assertThatThrownBy(() -> NetworkExposure.check(config("--host=0.0.0.0"), copied))
        .hasMessageContaining("dev-key");
  }

  @Test
  void allowsItOnLoopbackOrWhenToldAndOtherKeysAnywhere() {
    for (String host : new String[] {"127.0.0.1", "::1", "localhost", "127.0.0.2"}) {
      assertThatCode(() -> NetworkExposure.check(config("--host=" + host), DEV))
          .doesNotThrowAnyException();
    }
    assertThatCode(
            () ->
                NetworkExposure.check(
                    config("--host=0.0.0.0", "--allow-dev-key-on-network=true"), DEV))
        .doesNotThrowAnyException();
    PropertyRegistry real =
        new PropertyRegistry(
            List.of(new IngestProperty("p", List.of("k-1"), List.of(), Set.of("*"), 10)));
    assertThatCode(() -> NetworkExposure.check(config("--host=0.0.0.0"), real))
        .doesNotThrowAnyException();
  }

  private static CollectorConfig config(String... flags) {
    return CollectorConfig.load(flags, Map.of());
  }
}
