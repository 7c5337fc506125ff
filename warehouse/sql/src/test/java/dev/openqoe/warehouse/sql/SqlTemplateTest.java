package dev.openqoe.warehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlTemplateTest {

  @Test
  void fillsGivenValuesAndFallsBackToDefaults() {
    SqlTemplate template =
        new SqlTemplate("SELECT * FROM t WHERE cdn = '${cdn}' AND hours > ${hours:24}");

    assertThat(template.render(Map.of("cdn", "akamai")))
        .isEqualTo("SELECT * FROM t WHERE cdn = 'akamai' AND hours > 24");
    assertThat(template.render(Map.of("cdn", "fastly", "hours", "48")))
        .isEqualTo("SELECT * FROM t WHERE cdn = 'fastly' AND hours > 48");
  }

  @Test
  void dropsTheTrailingSemicolonsOfAFile() {
    assertThat(new SqlTemplate("-- header\nSELECT 1;\n;  \n").render(Map.of()))
        .isEqualTo("-- header\nSELECT 1");
  }

  @Test
  void takesValuesLiterallyEvenWithDollarsAndBackslashes() {
    assertThat(new SqlTemplate("SELECT '${x}'").render(Map.of("x", "a$1\\b")))
        .isEqualTo("SELECT 'a$1\\b'");
  }

  @Test
  void namesEveryMissingParameter() {
    assertThatThrownBy(() -> new SqlTemplate("SELECT ${b}, ${a}, ${a}").render(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the query needs --param a=..., --param b=...");
  }

  @Test
  void refusesAParameterTheQueryDoesNotUse() {
    assertThatThrownBy(() -> new SqlTemplate("SELECT ${hours:24}").render(Map.of("hour", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the query has no parameter hour");
  }
}
