package dev.openqoe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.session.QoeAggregate;
import dev.openqoe.session.SessionFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where the two populations stand against the usual industry targets of the shipped SLO files
 * (stream-jobs/slo/config/slo.yaml): the typical one misses some, the one within targets meets
 * every one with room to spare, so that only an incident can make its SLOs burn.
 */
class BehaviourTest {

  private static final long NOW = System.currentTimeMillis();

  private static List<SessionFacts> sessions(Behaviour behaviour) {
    SimulatorConfig config =
        SimulatorConfig.DEFAULTS.builder().sessions(3000).seed(5).behaviour(behaviour).build();
    return Scenario.fast(config, "beh", NOW).stream().map(SimulatedSession::intended).toList();
  }

  private static QoeAggregate aggregate(List<SessionFacts> sessions) {
    QoeAggregate aggregate = new QoeAggregate();
    sessions.forEach(aggregate::add);
    return aggregate;
  }

  /** Started sessions whose startup took {@code thresholdMs} or more, of those with a startup. */
  private static double slowStartShare(List<SessionFacts> sessions, long thresholdMs) {
    List<SessionFacts> started =
        sessions.stream().filter(facts -> facts.started() && facts.vstMs() != null).toList();
    return (double) started.stream().filter(facts -> facts.vstMs() >= thresholdMs).count()
        / started.size();
  }

  @Test
  void withinTargetsMeetsEveryShippedTargetWithRoomToSpare() {
    List<SessionFacts> sessions = sessions(Behaviour.WITHIN_TARGETS);
    QoeAggregate within = aggregate(sessions);

    assertThat(within.vsfRate()).as("VSF, target under 1 %").isLessThan(0.007);
    assertThat(slowStartShare(sessions, 2_000))
        .as("startups of 2 s or more, target under 5 %")
        .isLessThan(0.03);
    assertThat(within.rebufferingRatio()).as("RBR, target under 0.5 %").isLessThan(0.003);
    assertThat(within.vpfRate()).as("VPF, target under 1 %").isLessThan(0.006);
    assertThat(within.ebvsRate()).as("EBVS, target under 10 %").isLessThan(0.06);
  }

  @Test
  void theTypicalServiceMissesTheStartupRebufferingAndStartTargets() {
    List<SessionFacts> sessions = sessions(Behaviour.DEFAULTS);
    QoeAggregate typical = aggregate(sessions);

    assertThat(typical.vsfRate()).isGreaterThan(0.01);
    assertThat(slowStartShare(sessions, 2_000)).isGreaterThan(0.2);
    assertThat(typical.rebufferingRatio()).isGreaterThan(0.005);
    assertThat(typical.vpfRate()).isLessThan(0.01);
  }
}
