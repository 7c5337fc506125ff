package dev.openqoe.pinot;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a user reads when the broker URL is wrong or nothing answers there (no Pinot needed). */
class PinotBrokerTest {

  @Test
  void aBrokerUrlWithoutSchemeOrPortIsRefusedWithAnExample() {
    for (String url : new String[] {"127.0.0.1:8099", "http://127.0.0.1", "ftp://127.0.0.1:1"}) {
      assertThatThrownBy(() -> new PinotBroker(url))
          .isInstanceOf(PinotException.class)
          .hasMessageContaining("must be http://host:port or https://host:port")
          .hasMessageEndingWith("got " + url);
    }
  }

  @Test
  void anUnreachableBrokerIsNamedWithTheCauseAndTheQuery() {
    assertThatThrownBy(() -> new PinotBroker("http://127.0.0.1:1/").query("SELECT 1"))
        .isInstanceOf(PinotException.class)
        .hasMessageContaining("Pinot broker at http://127.0.0.1:1 did not answer the query")
        .hasMessageContaining("(connection refused); is Pinot running?")
        .hasMessageEndingWith("\nSELECT 1");
  }
}
