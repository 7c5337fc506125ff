package dev.openqoe.ingest.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientNetworksTest {

  private final ClientNetworks networks = new ClientNetworks();

  @Test
  void keepsTheFullAddressForLookupsAndTheAnonymisedNetworkForStorage() {
    ClientNetwork network = networks.of("203.0.113.77");

    assertThat(network.address().getHostAddress()).isEqualTo("203.0.113.77");
    assertThat(network.anonymised()).isEqualTo("203.0.113.0");
    assertThat(networks.of("203.0.113.77")).isSameAs(network);
  }

  @Test
  void limitsIpv4ClientsPerAddressAndIpv6ClientsPerSlash64() {
    assertThat(networks.of("203.0.113.77").rateLimitKey())
        .isNotEqualTo(networks.of("203.0.113.78").rateLimitKey());
    assertThat(networks.of("2001:db8:1:2:aaaa::1").rateLimitKey())
        .isEqualTo(networks.of("2001:db8:1:2:bbbb::2").rateLimitKey());
    assertThat(networks.of("2001:db8:1:2::1").rateLimitKey())
        .isNotEqualTo(networks.of("2001:db8:1:3::1").rateLimitKey());
    assertThat(networks.of("2001:db8:1:2::1").anonymised()).isEqualTo("2001:db8:1::");
  }

  @Test
  void answersNullForTextThatIsNoAddress() {
    assertThat(networks.of("evil.example")).isNull();
    assertThat(networks.of(null)).isNull();
  }
}
