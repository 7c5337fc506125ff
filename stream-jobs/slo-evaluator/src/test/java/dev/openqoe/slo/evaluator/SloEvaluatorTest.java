package dev.openqoe.slo.evaluator;

import static dev.openqoe.slo.evaluator.ScriptedSource.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.openqoe.slo.BurnRateRule;
import dev.openqoe.slo.Severity;
import dev.openqoe.slo.Sli;
import dev.openqoe.slo.Slice;
import dev.openqoe.slo.SloDefinition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The alert state machine on scripted minutes: fire once, resolve, recover from the log. */
class SloEvaluatorTest {

  /** A minute start. */
  private static final long T0 = 1_764_928_800_000L;

  private static final Slice FASTLY = new Slice(Map.of("cdn", "fastly"));
  private static final Slice AKAMAI = new Slice(Map.of("cdn", "akamai"));
  private static final BurnRateRule FAST_PAGE =
      new BurnRateRule(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4);
  private static final BurnRateRule TICKET =
      new BurnRateRule(Severity.TICKET, Duration.ofHours(6), Duration.ofMinutes(30), 6);
  private static final SloDefinition STARTS =
      new SloDefinition(
          "start-success",
          "dev",
          Sli.START_SUCCESS,
          Optional.empty(),
          0.99,
          Map.of(),
          List.of("cdn"),
          List.of(FAST_PAGE, TICKET));
  private static final SloDefinition STARTS_PAGED =
      new SloDefinition(
          "start-success",
          "dev",
          Sli.START_SUCCESS,
          Optional.empty(),
          0.99,
          Map.of(),
          List.of("cdn"),
          List.of(FAST_PAGE));

  private final ScriptedSource source = new ScriptedSource(List.of(FASTLY, AKAMAI));
  private final ListLog log = new ListLog();
  private final RecordingTarget target = new RecordingTarget();
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

  @Test
  void firesOnceAndRepostsTheFiringAlertWithItsStartEachEvaluation() {
    SloEvaluator evaluator = evaluator(List.of(STARTS), new FiringAlerts(), target);
    source.set((slice, minute) -> slice.equals(FASTLY) && minute >= T0 ? 0.5 : 0);

    EvaluationRound first = evaluator.evaluate(T0 + 20 * MINUTE + 10_000);
    EvaluationRound second = evaluator.evaluate(T0 + 21 * MINUTE + 10_000);

    // 50 % bad for 20 minutes: 16.7x over 1h, 50x over 5m; the ticket's 2.8x over 6h is under 6x
    assertThat(log.records)
        .extracting(AlertRecord::alertId, AlertRecord::status)
        .containsExactly(tuple("dev/start-success/page/cdn=fastly", "firing"));
    assertThat(first.transitions()).containsExactlyElementsOf(log.records);
    assertThat(second.transitions()).isEmpty();
    assertThat(second.firing())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.startsAt()).isEqualTo(T0 + 20 * MINUTE + 10_000);
              assertThat(alert.eventAt()).isEqualTo(T0 + 21 * MINUTE + 10_000);
              assertThat(alert.shortWindowBurnRate()).isCloseTo(50.0, within(1e-9));
            });
    assertThat(target.rounds).hasSize(2);
  }

  @Test
  void fillsTheRecordWithTheDecidingRulesFiguresAndWording() {
    SloEvaluator evaluator = evaluator(List.of(STARTS), new FiringAlerts(), target);
    source.set((slice, minute) -> slice.equals(FASTLY) && minute >= T0 ? 0.6 : 0);

    // 60 % bad for 30 minutes: 30 % over 1h (30x), 60 % over 5m (60x)
    AlertRecord firing = evaluator.evaluate(T0 + 30 * MINUTE).transitions().get(0);

    assertThat(firing.propertyId()).isEqualTo("dev");
    assertThat(firing.slo()).isEqualTo("start-success");
    assertThat(firing.sli()).isEqualTo("start_success");
    assertThat(firing.severity()).isEqualTo("page");
    assertThat(firing.slice()).isEqualTo("cdn=fastly");
    assertThat(firing.endsAt()).isNull();
    assertThat(firing.objective()).isEqualTo(0.99);
    assertThat(firing.errorRatio()).isCloseTo(0.3, within(1e-12));
    assertThat(firing.longWindowBurnRate()).isCloseTo(30.0, within(1e-9));
    assertThat(firing.shortWindowBurnRate()).isCloseTo(60.0, within(1e-9));
    assertThat(firing.ruleBurnRate()).isEqualTo(14.4);
    assertThat(firing.ruleLongWindowMinutes()).isEqualTo(60);
    assertThat(firing.ruleShortWindowMinutes()).isEqualTo(5);
    assertThat(firing.summary())
        .isEqualTo(
            "dev/start-success cdn=fastly: burning its error budget 30.0x over 1h and 60.0x over"
                + " 5m (page at 14.4x); VSF 30 % of attempts over 1h against a budget of 1 %");
    assertThat(firing.explain())
        .isEqualTo(
            "VSF of cdn=fastly: 30 % of 60000 attempts over the last 1h, 60 % of 5000 attempts over"
                + " the last 5m; the SLO allows 1 %.");
    assertThat(firing.description())
        .startsWith(
            "SLO start-success of property dev: at least 99 % good, good being attempts without a"
                + " video start failure (VSF), in slice cdn=fastly. It pages while")
        .contains("(14.4x over 1h and 5m)");
    assertThat(firing.dashboardUrl())
        .isEqualTo("http://grafana/d/openqoe-drilldown?from=now-1h&to=now&var-cdn=fastly");
  }

  @Test
  void resolvesOnceTheShortWindowRecoversThoughTheLongOneStillBurns() {
    SloEvaluator evaluator = evaluator(List.of(STARTS), new FiringAlerts(), target);
    long recovery = T0 + 20 * MINUTE;
    source.set(
        (slice, minute) -> slice.equals(FASTLY) && minute >= T0 && minute < recovery ? 1 : 0);
    evaluator.evaluate(T0 + 20 * MINUTE);

    evaluator.evaluate(recovery + 4 * MINUTE);
    assertThat(log.records).as("1 bad minute in the short window: 20x").hasSize(1);
    EvaluationRound resolved = evaluator.evaluate(recovery + 5 * MINUTE);

    assertThat(log.records)
        .extracting(AlertRecord::status, AlertRecord::startsAt, AlertRecord::endsAt)
        .containsExactly(
            tuple("firing", T0 + 20 * MINUTE, null),
            tuple("resolved", T0 + 20 * MINUTE, recovery + 5 * MINUTE));
    AlertRecord resolution = log.records.get(1);
    assertThat(resolution.longWindowBurnRate()).isCloseTo(100.0 / 3, within(1e-9));
    assertThat(resolution.shortWindowBurnRate()).isZero();
    assertThat(resolution.summary())
        .contains(
            "resolved: the error budget burns 33.3x over 1h and 0.0x over 5m (page at 14.4x)");
    assertThat(resolved.firing()).isEmpty();
    assertThat(resolved.transitions()).containsExactly(resolution);
  }

  @Test
  void aRestartOnTheLogNeitherFiresAgainNorForgetsToResolve() {
    source.set((slice, minute) -> minute >= T0 ? 1 : 0);
    evaluator(List.of(STARTS), new FiringAlerts(), target).evaluate(T0 + 10 * MINUTE);
    assertThat(log.records).hasSize(2);

    SloEvaluator restarted =
        evaluator(List.of(STARTS), FiringAlerts.recover(List.copyOf(log.records)), target);
    EvaluationRound again = restarted.evaluate(T0 + 11 * MINUTE);
    assertThat(again.transitions()).isEmpty();
    assertThat(again.firing()).extracting(AlertRecord::startsAt).containsOnly(T0 + 10 * MINUTE);

    source.set((slice, minute) -> 0);
    restarted.evaluate(T0 + 12 * MINUTE);
    assertThat(log.records)
        .extracting(AlertRecord::alertId, AlertRecord::status)
        .containsExactly(
            tuple("dev/start-success/page/cdn=fastly", "firing"),
            tuple("dev/start-success/page/cdn=akamai", "firing"),
            tuple("dev/start-success/page/cdn=fastly", "resolved"),
            tuple("dev/start-success/page/cdn=akamai", "resolved"));
  }

  @Test
  void aSliceThatFiresAndVanishesFromTheDataResolves() {
    ScriptedSource fastlyOnly = new ScriptedSource(List.of(FASTLY));
    fastlyOnly.set((slice, minute) -> 0.5);
    FiringAlerts firing = new FiringAlerts();
    new SloEvaluator(
            List.of(STARTS_PAGED), fastlyOnly, firing, log, records(), List.of(), reporter())
        .evaluate(T0);
    ScriptedSource gone = new ScriptedSource(List.of());

    new SloEvaluator(List.of(STARTS_PAGED), gone, firing, log, records(), List.of(), reporter())
        .evaluate(T0 + MINUTE);

    assertThat(log.records).extracting(AlertRecord::status).containsExactly("firing", "resolved");
    assertThat(log.records.get(1).summary()).contains("0.0x over 1h and 0.0x over 5m");
  }

  @Test
  void aTransitionTheLogRefusesIsNotMadeAndComesAgainNextTime() {
    SloEvaluator evaluator = evaluator(List.of(STARTS_PAGED), new FiringAlerts(), target);
    source.set((slice, minute) -> slice.equals(FASTLY) ? 0.5 : 0);
    log.refuseNext();

    EvaluationRound refused = evaluator.evaluate(T0);
    assertThat(refused.transitions()).isEmpty();
    assertThat(refused.firing()).as("not firing until logged").isEmpty();
    assertThat(errors()).contains("could not log firing of dev/start-success/page/cdn=fastly");

    assertThat(evaluator.evaluate(T0 + MINUTE).transitions()).hasSize(1);
    assertThat(log.records).hasSize(1);
  }

  @Test
  void aFailingTargetStopsNeitherTheOthersNorTheLog() {
    RecordingTarget broken = new RecordingTarget();
    broken.failing = true;
    SloEvaluator evaluator =
        new SloEvaluator(
            List.of(STARTS_PAGED),
            source,
            new FiringAlerts(),
            log,
            records(),
            List.of(broken, target),
            reporter());
    source.set((slice, minute) -> 0.5);

    evaluator.evaluate(T0);

    assertThat(log.records).hasSize(2);
    assertThat(target.last().transitions()).hasSize(2);
    assertThat(errors()).contains("recording: receiver down");
  }

  @Test
  void whilePinotFailsFiringAlertsStayAsTheyWere() {
    SloEvaluator evaluator = evaluator(List.of(STARTS_PAGED), new FiringAlerts(), target);
    source.set((slice, minute) -> slice.equals(FASTLY) ? 0.5 : 0);
    evaluator.evaluate(T0);
    source.fail(new IllegalStateException("Pinot is unreachable"));

    EvaluationRound blind = evaluator.evaluate(T0 + MINUTE);

    assertThat(blind.transitions()).isEmpty();
    assertThat(blind.firing()).extracting(AlertRecord::slice).containsExactly("cdn=fastly");
    assertThat(errors())
        .contains("SLO dev/start-success not evaluated this time: Pinot is unreachable");
  }

  @Test
  void anAlertWhoseSloLeftTheFileResolvesWithTheReason() {
    source.set((slice, minute) -> 0.5);
    evaluator(List.of(STARTS_PAGED), new FiringAlerts(), target).evaluate(T0);
    SloDefinition renamed =
        new SloDefinition(
            "starts",
            "dev",
            Sli.START_SUCCESS,
            Optional.empty(),
            0.99,
            Map.of(),
            List.of(),
            List.of(FAST_PAGE));
    source.set((slice, minute) -> 0);

    EvaluationRound round =
        evaluator(List.of(renamed), FiringAlerts.recover(List.copyOf(log.records)), target)
            .evaluate(T0 + MINUTE);

    assertThat(round.transitions())
        .extracting(AlertRecord::status, AlertRecord::endsAt)
        .containsExactly(tuple("resolved", T0 + MINUTE), tuple("resolved", T0 + MINUTE));
    assertThat(round.transitions().get(0).summary())
        .contains("resolved as the SLO file no longer has it");
  }

  @Test
  void eachSeverityIsAnAlertOfItsOwn() {
    SloEvaluator evaluator = evaluator(List.of(STARTS), new FiringAlerts(), target);
    // 10 % bad: 10x, over the ticket's 6x, under the page's 14.4x
    source.set((slice, minute) -> slice.equals(AKAMAI) ? 0.1 : 0);

    evaluator.evaluate(T0);

    assertThat(log.records)
        .extracting(AlertRecord::alertId)
        .containsExactly("dev/start-success/ticket/cdn=akamai");
  }

  private SloEvaluator evaluator(
      List<SloDefinition> slos, FiringAlerts firing, AlertTarget... targets) {
    return new SloEvaluator(slos, source, firing, log, records(), List.of(targets), reporter());
  }

  private static AlertRecords records() {
    return new AlertRecords(new SliValueExplainer(), "http://grafana/d/openqoe-drilldown");
  }

  private Reporter reporter() {
    return new Reporter(
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(errors, true, StandardCharsets.UTF_8));
  }

  private String errors() {
    return errors.toString(StandardCharsets.UTF_8);
  }
}
