package dev.openqoe.ingest.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ForwardedClientsTest {

  private final ForwardedClients clients =
      new ForwardedClients(new ClientNetworks(), TrustedProxies.parse("10.0.0.0/8, fc00::/7"));

  @Test
  void takesTheRightMostEntryThatIsNotATrustedProxy() {
    // The client wrote 1.2.3.4; the first trusted proxy saw 192.0.2.77, a second one 10.1.1.1.
    assertThat(address(clients.client("10.0.0.2", "1.2.3.4, 192.0.2.77, 10.1.1.1")))
        .isEqualTo("192.0.2.77");
    assertThat(address(clients.client("fd00::1", "2001:db8::9"))).isEqualTo("2001:db8:0:0:0:0:0:9");
    // Header lines joined by the transport count in order.
    assertThat(address(clients.client("10.0.0.2", "1.2.3.4,192.0.2.78"))).isEqualTo("192.0.2.78");
  }

  @Test
  void ignoresTheHeaderOnConnectionsNotFromATrustedProxy() {
    assertThat(address(clients.client("203.0.113.5", "192.0.2.77"))).isEqualTo("203.0.113.5");
    assertThat(
            address(
                new ForwardedClients(new ClientNetworks(), TrustedProxies.NONE)
                    .client("10.0.0.2", "192.0.2.77")))
        .isEqualTo("10.0.0.2");
  }

  @Test
  void aRequestFromTheProxiesThemselvesIsTheirLeftMostEntry() {
    assertThat(address(clients.client("10.0.0.2", "10.9.9.9, 10.1.1.1"))).isEqualTo("10.9.9.9");
    assertThat(address(clients.client("10.0.0.2", ""))).isEqualTo("10.0.0.2");
  }

  @Test
  void whatATrustedProxyWroteThatIsNoAddressCountsAsThatProxy() {
    assertThat(address(clients.client("10.0.0.2", "192.0.2.77, unknown"))).isEqualTo("10.0.0.2");
    assertThat(address(clients.client("10.0.0.2", "192.0.2.77, 10.1.1.1, example.com")))
        .isEqualTo("10.0.0.2");
    assertThat(address(clients.client("10.0.0.2", "1.2.3.4, 192.0.2.77, ,10.1.1.1")))
        .isEqualTo("192.0.2.77");
  }

  @Test
  void readsBlocksAndAddressesAndNamesAWrongEntry() {
    TrustedProxies proxies = TrustedProxies.parse("192.168.4.0/22,203.0.113.9");

    assertThat(proxies.contains(new ClientNetworks().of("192.168.7.255").address())).isTrue();
    assertThat(proxies.contains(new ClientNetworks().of("192.168.8.0").address())).isFalse();
    assertThat(proxies.contains(new ClientNetworks().of("203.0.113.9").address())).isTrue();
    assertThat(proxies.contains(new ClientNetworks().of("203.0.113.10").address())).isFalse();
    assertThat(TrustedProxies.parse(" ").isEmpty()).isTrue();
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33"))
        .hasMessageContaining("'10.0.0.0/33' is not an IP address or a CIDR block");
    assertThatThrownBy(() -> TrustedProxies.parse("proxy.internal"))
        .hasMessageContaining("'proxy.internal'");
  }

  private static String address(ClientNetwork network) {
    return network.address().getHostAddress();
  }
}
