package dev.openqoe.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SloFileTest {

  private static final Path REPOSITORY = Path.of("../..");

  @ParameterizedTest
  @ValueSource(strings = {"stream-jobs/slo/config/slo.yaml", "docker/slo-evaluator/slo.yaml"})
  void theShippedFilesLoadWithTheIndustryObjectives(String file) {
    List<SloDefinition> slos = SloFile.load(REPOSITORY.resolve(file));

    assertThat(slos)
        .extracting(SloDefinition::sli, SloDefinition::objective)
        .containsExactly(
            tuple(Sli.START_SUCCESS, 0.99),
            tuple(Sli.STARTUP_TIME, 0.95),
            tuple(Sli.REBUFFER, 0.995),
            tuple(Sli.PLAYBACK_SUCCESS, 0.99),
            tuple(Sli.EBVS, 0.9));
    assertThat(slos).allSatisfy(slo -> assertThat(slo.property()).isEqualTo("dev"));
    assertThat(slos.get(1).threshold()).contains(Duration.ofSeconds(2));
    assertThat(slos.get(0).rules()).isEqualTo(BurnRateRule.DEFAULTS);
    assertThat(slos.get(4).severities()).containsExactly(Severity.TICKET);
  }

  @Test
  void readsEveryField() {
    SloDefinition slo =
        single(
            """
            slos:
              - name: br-startup
                property: tv
                sli: startup_time
                threshold: 1500ms
                objective: 0.9
                where: {country: BR, asn: [28573, 7922]}
                by: [cdn, device_type]
                rules:
                  - {severity: ticket, long: 3d, short: 6h, burn_rate: 1}
                  - {severity: page, long: 1h, short: 5m, burn_rate: 14.4}
            """);

    assertThat(slo.name()).isEqualTo("br-startup");
    assertThat(slo.property()).isEqualTo("tv");
    assertThat(slo.threshold()).contains(Duration.ofMillis(1500));
    assertThat(slo.where())
        .containsExactly(
            Map.entry("country", List.of("BR")), Map.entry("asn", List.of("28573", "7922")));
    assertThat(slo.by()).containsExactly("cdn", "device_type");
    assertThat(slo.rules())
        .containsExactly(
            new BurnRateRule(Severity.TICKET, Duration.ofDays(3), Duration.ofHours(6), 1),
            new BurnRateRule(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4));
    assertThat(slo.severities()).containsExactly(Severity.PAGE, Severity.TICKET);
    assertThat(slo.longestWindow()).isEqualTo(Duration.ofDays(3));
    assertThat(slo.rules(Severity.PAGE)).hasSize(1);
  }

  @Test
  void namesTheFileTheSloTheFieldAndWhatIsAllowed() {
    assertThatThrownBy(() -> SloFile.parse(entry("sli: vsf", "objective: 0.99"), "slo.yaml"))
        .isInstanceOf(SloFileException.class)
        .hasMessage(
            "slo.yaml: slos[0] 'a', field 'sli': unknown SLI 'vsf'; one of start_success, ebvs,"
                + " startup_time, rebuffer, playback_success");
  }

  @Test
  void refusesObjectivesOutsideZeroToOne() {
    assertError(
        entry("sli: ebvs", "objective: 99"), "field 'objective'", "strictly between 0 and 1");
    assertError(entry("sli: ebvs", "objective: 1"), "field 'objective'", "got 1");
    assertError(entry("sli: ebvs", "objective: '0.9'"), "field 'objective'", "a number");
    assertError(entry("sli: ebvs"), "field 'objective': missing");
  }

  @Test
  void startupTimeNeedsAThresholdAndOnlyItHasOne() {
    assertError(
        entry("sli: startup_time", "objective: 0.95"),
        "slos[0] 'a', field 'threshold': startup_time needs one",
        "e.g. 2s");
    assertError(
        entry("sli: rebuffer", "objective: 0.95", "threshold: 2s"),
        "field 'threshold': only startup_time has a threshold, not rebuffer");
    assertError(
        entry("sli: startup_time", "objective: 0.95", "threshold: 2"),
        "field 'threshold': a duration with its unit");
    assertError(
        entry("sli: startup_time", "objective: 0.95", "threshold: two seconds"),
        "'two seconds' is not a duration");
  }

  @Test
  void dimensionsMustBeSessionDimensions() {
    assertError(
        entry("sli: ebvs", "objective: 0.9", "where: {continent: EU}"),
        "field 'where': unknown dimension 'continent'; one of cdn, country");
    assertError(
        entry("sli: ebvs", "objective: 0.9", "by: [cdn, property_id]"),
        "field 'by': unknown dimension 'property_id'",
        "the property is the SLO's own field");
    assertError(
        entry("sli: ebvs", "objective: 0.9", "by: cdn"), "field 'by': a list of dimensions");
    assertError(entry("sli: ebvs", "objective: 0.9", "by: [cdn, cdn]"), "cdn is listed twice");
    assertError(
        entry("sli: ebvs", "objective: 0.9", "where: {asn: comcast}"),
        "field 'where.asn': asn is a number");
    assertError(
        entry("sli: ebvs", "objective: 0.9", "where: {cdn: []}"),
        "field 'where.cdn': needs a value");
  }

  @Test
  void customRulesNeedWholeMinuteWindowsAShortOneShorterAndAPositiveRate() {
    assertError(
        rule("{severity: page, long: 1h, short: 30s, burn_rate: 14.4}"),
        "field 'rules[0].short': a window is whole minutes, at least 1m",
        "got 30s");
    assertError(
        rule("{severity: page, long: 1h, short: 5 minutes, burn_rate: 14.4}"),
        "field 'rules[0].short': '5 minutes' is not a duration");
    assertError(
        rule("{severity: page, long: 5m, short: 1h, burn_rate: 14.4}"),
        "field 'rules[0].short': must be shorter than the long window (5m)");
    assertError(
        rule("{severity: page, long: 1h, short: 5m, burn_rate: 0}"),
        "field 'rules[0].burn_rate': a number above 0");
    assertError(
        rule("{severity: urgent, long: 1h, short: 5m, burn_rate: 2}"),
        "field 'rules[0].severity': page or ticket; got 'urgent'");
    assertError(
        rule("{severity: page, long: 1h, burn_rate: 2}"), "field 'rules[0].short': missing");
    assertError(
        rule("{severity: page, long: 1h, short: 5m, rate: 2}"),
        "field 'rules[0].rate': not a rule field");
    assertError(
        entry("sli: ebvs", "objective: 0.9", "rules: []"),
        "field 'rules': a list of at least one rule");
  }

  @Test
  void namesAreRequiredUniqueAndFitForAlertIds() {
    assertError(
        "slos:\n  - {property: dev, sli: ebvs, objective: 0.9}\n",
        "slo.yaml: slos[0], field 'name': missing");
    assertError(
        entry("sli: ebvs", "objective: 0.9").replace("name: a", "name: start success"),
        "field 'name': letters, digits");
    String twice =
        "slos:\n"
            + "  - {name: a, property: dev, sli: ebvs, objective: 0.9}\n"
            + "  - {name: b, property: dev, sli: ebvs, objective: 0.9}\n"
            + "  - {name: a, property: web, sli: rebuffer, objective: 0.99}\n";
    assertError(twice, "slos[2] 'a', field 'name': slos[0] has that name already");
  }

  @Test
  void refusesUnknownFieldsAndShapes() {
    assertError(
        entry("sli: ebvs", "objective: 0.9", "objectiv: 0.8"),
        "field 'objectiv': not an SLO field; the fields are name, property, sli");
    assertError("slo:\n  - {name: a}\n", "unknown key 'slo' at the top");
    assertError("slos: []\n", "slos must be a list of at least one SLO");
    assertError("slos:\n  - just a string\n", "slos[0]: an SLO is a mapping");
    assertError("slos:\n  - {name: a, name: b}\n", "not valid YAML", "Duplicate field 'name'");
    assertError(entry("sli: ebvs", "objective: 0.9", "property: web"), "not valid YAML");
  }

  @Test
  void aMissingFileSaysWhichFile() {
    assertThatThrownBy(() -> SloFile.load(Path.of("no/such/slo.yaml")))
        .isInstanceOf(SloFileException.class)
        .hasMessageContaining("cannot read the SLO file no/such/slo.yaml");
  }

  @Test
  void aSliceIsReadBackFromItsTextThoughAValueHoldsAComma() {
    Slice comma = new Slice(linked("cdn", "Akamai, Inc.", "country", "BR"));
    assertThat(comma.text()).isEqualTo("cdn=Akamai, Inc.,country=BR");
    assertThat(Slice.parse(comma.text())).isEqualTo(comma);
    assertThat(Slice.parse(comma.text()).dimensions()).containsExactly("cdn", "country");
    assertThat(Slice.parse("cdn=a=b")).isEqualTo(new Slice(Map.of("cdn", "a=b")));
    assertThat(Slice.parse("")).isEqualTo(Slice.WHOLE);
    assertThatThrownBy(() -> Slice.parse("continent=EU"))
        .hasMessageContaining("not a slice: continent=EU");
  }

  private static Map<String, String> linked(String k1, String v1, String k2, String v2) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static SloDefinition single(String yaml) {
    List<SloDefinition> slos = SloFile.parse(yaml, "slo.yaml");
    assertThat(slos).hasSize(1);
    return slos.get(0);
  }

  private static String entry(String... fields) {
    StringBuilder yaml = new StringBuilder("slos:\n  - name: a\n    property: dev\n");
    for (String field : fields) {
      yaml.append("    ").append(field).append('\n');
    }
    return yaml.toString();
  }

  private static String rule(String rule) {
    return entry("sli: ebvs", "objective: 0.9", "rules:", "  - " + rule);
  }

  private static void assertError(String yaml, String... parts) {
    assertThatThrownBy(() -> SloFile.parse(yaml, "slo.yaml"))
        .isInstanceOf(SloFileException.class)
        .hasMessageStartingWith("slo.yaml: ")
        .message()
        .contains(parts);
  }
}
