package dev.openqoe.ingest.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserAgentClassifierTest {

  private final UserAgentClassifier classifier = new UserAgentClassifier();

  @Test
  void classifiesDesktopAndMobileBrowsers() {
    assertThat(
            classifier.classify(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/126.0.0.0 Safari/537.36"))
        .isEqualTo(new ClientSoftware("Chrome", "126.0", "Windows", "10", null));
    ClientSoftware iphone =
        classifier.classify(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML,"
                + " like Gecko) Version/17.5 Mobile/15E148 Safari/604.1");
    assertThat(iphone.browser()).isEqualTo("Mobile Safari");
    assertThat(iphone.os()).isEqualTo("iOS");
    assertThat(iphone.osVersion()).isEqualTo("17.5");
    assertThat(iphone.device()).isEqualTo("iPhone");
  }

  @Test
  void unknownAndMissingHeadersGiveNulls() {
    assertThat(classifier.classify(null)).isEqualTo(ClientSoftware.UNKNOWN);
    assertThat(classifier.classify("curl/8.5.0").os()).isNull();
    assertThat(classifier.classify("\u0000\u0001 nonsense").browser()).isNull();
  }

  @Test
  void cutsHugeHeadersBeforeParsing() {
    String huge = "Mozilla/5.0 " + "x".repeat(100_000);
    assertThat(classifier.classify(huge)).isNotNull();
  }
}
