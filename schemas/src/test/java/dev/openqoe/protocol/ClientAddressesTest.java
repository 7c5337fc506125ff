package dev.openqoe.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

  @Test
  void keepsTheSlash24OfIpv4() {
    assertThat(ClientAddresses.anonymise(ClientAddresses.parse("203.0.113.77")))
        .isEqualTo("203.0.113.0");
  }

  @Test
  void keepsTheSlash48OfIpv6() {
    assertThat(ClientAddresses.anonymise(ClientAddresses.parse("2001:db8:1:2:3:4:5:6")))
        .isEqualTo("2001:db8:1::");
    assertThat(ClientAddresses.anonymise(ClientAddresses.parse("[2001:db8:abcd:ff::1]")))
        .isEqualTo("2001:db8:abcd::");
  }

  @Test
  void treatsIpv4MappedIpv6AsIpv4() {
    assertThat(ClientAddresses.anonymise(ClientAddresses.parse("::ffff:198.51.100.9")))
        .isEqualTo("198.51.100.0");
  }

  @Test
  void parsesOnlyLiteralsSoNoNameIsEverResolved() {
    assertThat(ClientAddresses.parse("localhost")).isNull();
    assertThat(ClientAddresses.parse("evil.example")).isNull();
    assertThat(ClientAddresses.parse("")).isNull();
    assertThat(ClientAddresses.parse(null)).isNull();
    assertThat(ClientAddresses.parse(" 192.0.2.1 ")).isNotNull();
  }
}
