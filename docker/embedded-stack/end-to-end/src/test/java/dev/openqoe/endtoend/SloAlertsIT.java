package dev.openqoe.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.pinot.PinotTable;
import dev.openqoe.pinot.SharedPinot;
import dev.openqoe.simulator.Behaviour;
import dev.openqoe.simulator.Incident;
import dev.openqoe.simulator.Scenario;
import dev.openqoe.simulator.SimulatorConfig;
import dev.openqoe.slo.SloDefinition;
import dev.openqoe.slo.SloFile;
import dev.openqoe.slo.evaluator.AlertRecord;
import dev.openqoe.slo.evaluator.AlertRecords;
import dev.openqoe.slo.evaluator.FiringAlerts;
import dev.openqoe.slo.evaluator.PinotSliSource;
import dev.openqoe.slo.evaluator.Reporter;
import dev.openqoe.slo.evaluator.SliValueExplainer;
import dev.openqoe.slo.evaluator.SloEvaluator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * "Clean traffic raises no alert": the shipped SLO files evaluated, minute by minute as the
 * evaluator runs, over an hour of simulated viewers of a service within the SLOs' targets ({@link
 * Behaviour#WITHIN_TARGETS}), with and without an incident. The sessions go through the session
 * model into the shared Pinot of qoe-pinot's tests as the pipeline writes them, each run in a span
 * of time of its own, more than the longest window (3 days) apart from the others.
 */
class SloAlertsIT {

  private static final long MINUTE = 60_000;
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final Duration MAX_SESSION_LENGTH = Duration.ofMinutes(10);
  private static final int SESSIONS = 3_000;
  private static final Duration WARM_UP = Duration.ofMinutes(20);

  private static final Path EMBEDDED_SLOS =
      EmbeddedStack.REPOSITORY.resolve("stream-jobs/slo/config/slo.yaml");
  private static final Path COMPOSE_SLOS =
      EmbeddedStack.REPOSITORY.resolve("docker/slo-evaluator/slo.yaml");

  /** The simulator's ingest key belongs to property dev, the shipped files' property. */
  private static final String PROPERTY = "dev";

  private static final long SPAN = Duration.ofDays(4).toMillis();

  private final SharedPinot pinot = SharedPinot.get();

  /** Where each run's simulated time ends; run i ends i spans before the shared rows' time. */
  private long endOf(int run) {
    return (pinot.generatedAt() / MINUTE - 120) * MINUTE - run * SPAN;
  }

  @Test
  void cleanTrafficRaisesNoAlertOnEitherShippedFile() {
    long end = endOf(1);
    load("slo-clean", List.of(), end);

    assertThat(evaluate(EMBEDDED_SLOS, end)).as("transitions, embedded stack's SLOs").isEmpty();
    assertThat(evaluate(COMPOSE_SLOS, end)).as("transitions, Compose SLOs").isEmpty();
  }

  @Test
  void aDrmOutagePagesStartSuccessOnEveryCdnAndNothingElse() {
    long end = endOf(2);
    long origin = origin(end);
    load("slo-drm", List.of(Incident.parse("drm-outage:drm_system=widevine@30m+20m")), end);

    List<AlertRecord> embedded = evaluate(EMBEDDED_SLOS, end);
    List<AlertRecord> compose = evaluate(COMPOSE_SLOS, end);

    assertThat(pages(embedded)).containsExactly("dev/start-success/page");
    // A license server is behind every CDN: each CDN's slice pages.
    assertThat(pages(compose))
        .containsExactlyInAnyOrder(
            "dev/start-success/page/cdn=akamai",
            "dev/start-success/page/cdn=cloudfront",
            "dev/start-success/page/cdn=fastly");
    for (AlertRecord page : firing(embedded, compose)) {
      assertThat(page.startsAt() - origin)
          .as("%s pages within 10 minutes of the outage's start", page.alertId())
          .isBetween(30 * MINUTE, 40 * MINUTE);
    }
    assertThat(resolved(embedded, compose))
        .as("every page resolves once the outage is over")
        .allSatisfy(record -> assertThat(record.endsAt() - origin).isGreaterThan(50 * MINUTE))
        .hasSize(4);
  }

  @Test
  void aDegradedCdnPagesRebufferingOfThatCdnOnly() {
    long end = endOf(3);
    long origin = origin(end);
    // Degraded until the last session starts: the page's 6 h window also holds the clean half hour.
    load("slo-cdn", List.of(Incident.parse("cdn-degraded:cdn=fastly@30m+30m")), end);

    List<AlertRecord> compose = evaluate(COMPOSE_SLOS, end);

    assertThat(pages(compose)).containsExactly("dev/rebuffer/page/cdn=fastly");
    assertThat(compose)
        .as("no alert on another CDN's slice")
        .allSatisfy(record -> assertThat(record.slice()).isIn("", "cdn=fastly"));
    assertThat(firing(compose))
        .filteredOn(record -> record.severity().equals("page"))
        .allSatisfy(page -> assertThat(page.startsAt() - origin).isGreaterThan(30 * MINUTE));
  }

  /** The alerts of severity page that started firing. */
  private static List<String> pages(List<AlertRecord> transitions) {
    return transitions.stream()
        .filter(record -> record.firing() && record.severity().equals("page"))
        .map(AlertRecord::alertId)
        .toList();
  }

  @SafeVarargs
  private static List<AlertRecord> firing(List<AlertRecord>... logs) {
    return Stream.of(logs).flatMap(List::stream).filter(AlertRecord::firing).toList();
  }

  @SafeVarargs
  private static List<AlertRecord> resolved(List<AlertRecord>... logs) {
    return Stream.of(logs)
        .flatMap(List::stream)
        .filter(record -> !record.firing() && record.severity().equals("page"))
        .toList();
  }

  private static long origin(long end) {
    return end - WINDOW.toMillis() - MAX_SESSION_LENGTH.toMillis();
  }

  /**
   * The run's sessions, scripted as a fast run ending at {@code end}, into Pinot: the same viewers
   * (seed) in every run, so only the incident differs; incidents start 30 minutes in, after {@link
   * #WARM_UP}.
   */
  private void load(String prefix, List<Incident> incidents, long end) {
    SimulatorConfig config =
        SimulatorConfig.DEFAULTS
            .builder()
            .sessions(SESSIONS)
            .window(WINDOW)
            .maxSessionLength(MAX_SESSION_LENGTH)
            .seed(16)
            .behaviour(Behaviour.WITHIN_TARGETS)
            .incidents(incidents)
            .build();
    var rows = SimulatedSessionRows.of(Scenario.fast(config, prefix, end), PROPERTY);
    long before = count(prefix);
    pinot.produce(QoeTopics.SESSIONS.name(), rows);
    await(prefix + " sessions in Pinot")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> count(prefix) == before + rows.size());
  }

  private long count(String prefix) {
    return pinot
        .broker()
        .query(
            "SELECT COUNT(*) FROM "
                + PinotTable.SESSIONS.tableName()
                + " WHERE session_id LIKE '"
                + prefix
                + "-%'")
        .singleLong();
  }

  /**
   * Every transition the evaluator logs when it evaluates {@code file} once a minute, from {@link
   * #WARM_UP} into the run until 20 minutes after its last session ended. The evaluator joins a
   * service that is already serving: in a run's first minutes only the sessions that end soonest
   * (exits and failures before the first frame) have ended, a handful a minute, which a service
   * with days of traffic in its windows never shows on its own (the evaluator README's limit on
   * small slices).
   */
  private List<AlertRecord> evaluate(Path file, long end) {
    List<SloDefinition> slos = SloFile.load(file);
    List<AlertRecord> log = new ArrayList<>();
    SloEvaluator evaluator =
        new SloEvaluator(
            slos,
            new PinotSliSource(pinot.broker()),
            FiringAlerts.recover(List.of()),
            log::add,
            new AlertRecords(new SliValueExplainer(), "http://127.0.0.1:3000/d/openqoe-drilldown"),
            List.of(),
            new Reporter(new PrintStream(PrintStream.nullOutputStream()), System.err));
    for (long now = origin(end) + WARM_UP.toMillis(); now <= end + 20 * MINUTE; now += MINUTE) {
      evaluator.evaluate(now);
    }
    return log;
  }
}
