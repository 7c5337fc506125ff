package dev.openqoe.pinot.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExcessImpactTest {

  @Test
  void aGroupsExcessIsItsDistanceFromTheGlobalRateTimesItsWeight() {
    // 1000 attempts at 5 % overall: A has 20 failures in 100 (15 more than 5 % would give),
    // B 5 in 100 (none more), C 25 in 800 (~-15).
    List<ExcessImpact.Impact<String>> ranked =
        ExcessImpact.rank(
            List.of(
                new ExcessImpact.Group<>("C", 25 / 800.0, 800),
                new ExcessImpact.Group<>("B", 5 / 100.0, 100),
                new ExcessImpact.Group<>("A", 20 / 100.0, 100)),
            50 / 1000.0,
            true);

    assertThat(ranked).extracting(ExcessImpact.Impact::key).containsExactly("A", "B", "C");
    assertThat(ranked.get(0).excess()).isCloseTo(15, within(1e-9));
    assertThat(ranked.get(0).share()).isCloseTo(1.0, within(1e-9));
    assertThat(ranked.get(1).excess()).isCloseTo(0, within(1e-9));
    assertThat(ranked.get(2).excess()).isCloseTo(-15, within(1e-9));
    assertThat(ranked.get(2).share()).isZero();
  }

  @Test
  void sharesOfTheGroupsWorseThanTheWholeAddUpToOne() {
    List<ExcessImpact.Impact<String>> ranked =
        ExcessImpact.rank(
            List.of(
                new ExcessImpact.Group<>("A", 0.10, 100),
                new ExcessImpact.Group<>("B", 0.20, 100),
                new ExcessImpact.Group<>("C", 0.01, 800)),
            0.038,
            true);

    assertThat(ranked).extracting(ExcessImpact.Impact::key).containsExactly("B", "A", "C");
    assertThat(ranked.get(0).share() + ranked.get(1).share()).isCloseTo(1.0, within(1e-9));
    assertThat(ranked.get(0).share()).isCloseTo(16.2 / (16.2 + 6.2), within(1e-9));
  }

  @Test
  void forAMetricWhereLowerIsWorseTheShortfallIsTheExcess() {
    // Average bitrate 3000 kbps overall; A plays 1000 s at 1000 kbps, B 1000 s at 5000 kbps.
    List<ExcessImpact.Impact<String>> ranked =
        ExcessImpact.rank(
            List.of(
                new ExcessImpact.Group<>("B", 5000.0, 1000),
                new ExcessImpact.Group<>("A", 1000.0, 1000)),
            3000.0,
            false);

    assertThat(ranked.get(0).key()).isEqualTo("A");
    assertThat(ranked.get(0).excess()).isCloseTo(2_000_000, within(1e-6));
    assertThat(ranked.get(0).share()).isEqualTo(1.0);
    assertThat(ranked.get(1).share()).isZero();
  }

  @Test
  void aGroupWithoutAValueHasNoExcess() {
    List<ExcessImpact.Impact<String>> ranked =
        ExcessImpact.rank(
            List.of(new ExcessImpact.Group<>("A", null, 0), new ExcessImpact.Group<>("B", 0.2, 10)),
            0.1,
            true);

    assertThat(ranked).extracting(ExcessImpact.Impact::key).containsExactly("B", "A");
    assertThat(ranked.get(1).excess()).isZero();
    assertThat(ranked.get(1).share()).isZero();
  }
}
