package dev.openqoe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class DurationConverterTest {

  @ParameterizedTest
  @CsvSource({
    "500ms,500",
    "120s,120000",
    "120,120000",
    "2m,120000",
    "1h,3600000",
    "0,0",
    "PT2M,120000",
    "10 S,10000"
  })
  void readsTheUsualSpellings(String text, long millis) {
    assertThat(new DurationConverter().convert(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @CsvSource({"soon", "-5s", "1.5s", "7 days", "-1d"})
  void rejectsOthersWithTheAcceptedForms(String text) {
    assertThatThrownBy(() -> new DurationConverter().convert(text))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("use e.g. 500ms, 120s, 2m, 1h, 7d or PT2M");
  }
}
