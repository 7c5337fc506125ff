package dev.openqoe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.ParseResult;
import dev.openqoe.session.QoeAggregate;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.StartupOutcome;
import dev.openqoe.session.StartupTimes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  private static final long NOW = System.currentTimeMillis();

  private static final SimulatorConfig CONFIG =
      SimulatorConfig.DEFAULTS
          .builder()
          .sessions(3000)
          .seed(11)
          .incidents(
              List.of(
                  Incident.parse("cdn-degraded:cdn=fastly,country=BR@5m+10m"),
                  Incident.parse("drm-outage:drm_system=widevine@20m+5m"),
                  Incident.parse("bad-rendition:asset_id=movie-1042,bitrate=3000@0s+40m"),
                  Incident.parse("player-bug:player_version=1.4.1@0s+18m")))
          .build();

  private static final List<SimulatedSession> SESSIONS = Scenario.fast(CONFIG, "scn", NOW);

  @Test
  void everyBeaconPassesTheCollectorsParserAtTheTimeOfTheRun() {
    BeaconParser parser = BeaconParser.withFutureLimit(Clock.systemUTC(), Duration.ZERO);
    List<String> mismatches = new ArrayList<>();
    long parsed = 0;
    for (SimulatedSession session : SESSIONS) {
      for (BeaconEvent beacon : session.beacons()) {
        ParseResult result = parser.parse(BeaconJson.toJson(beacon));
        if (!result.equals(new ParseResult.Valid(beacon))) {
          mismatches.add(beacon + " -> " + result);
        }
        parsed++;
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(parsed).isGreaterThan(30_000);
  }

  @Test
  void sessionsStartInTheWindowAndEndBeforeNow() {
    long origin = NOW - CONFIG.window().toMillis() - CONFIG.maxSessionLength().toMillis();
    for (SimulatedSession session : SESSIONS) {
      SessionFacts facts = session.intended();
      assertThat(facts.startedAt()).isBetween(origin, origin + CONFIG.window().toMillis());
      assertThat(facts.endedAt())
          .isLessThanOrEqualTo(facts.startedAt() + CONFIG.maxSessionLength().toMillis())
          .isLessThanOrEqualTo(NOW);
    }
  }

  @Test
  void playersSendInSeqOrderOftenEnoughThatNoSessionTimesOut() {
    long inactivity = SessionAccumulator.DEFAULT_INACTIVITY_TIMEOUT.toMillis();
    for (SimulatedSession session : SESSIONS) {
      List<BeaconEvent> beacons = session.beacons();
      for (int i = 1; i < beacons.size(); i++) {
        assertThat(beacons.get(i).seq()).isEqualTo(i);
        assertThat(beacons.get(i).ts() - beacons.get(i - 1).ts())
            .isBetween(0L, CONFIG.behaviour().heartbeatMs());
      }
      for (int i = 1; i < session.batches().size(); i++) {
        assertThat(session.batches().get(i).sendAt() - session.batches().get(i - 1).sendAt())
            .isLessThan(inactivity);
      }
      assertThat(session.batches()).allSatisfy(b -> assertThat(b.beacons()).hasSizeLessThan(500));
    }
  }

  @Test
  void theSameSeedScriptsTheSameSessions() {
    List<SimulatedSession> again = Scenario.fast(CONFIG, "scn", NOW);

    assertThat(again).isEqualTo(SESSIONS);
    assertThat(Scenario.fast(CONFIG.builder().seed(12).build(), "scn", NOW)).isNotEqualTo(SESSIONS);
  }

  @Test
  void aHealthyServiceLooksLikeOne() {
    QoeAggregate all = aggregate(s -> s.incidents().isEmpty());
    StartupTimes startup = new StartupTimes();
    SESSIONS.stream().filter(s -> s.incidents().isEmpty()).forEach(s -> startup.add(s.intended()));

    assertThat(all.ebvsRate()).isBetween(0.02, 0.07);
    assertThat(all.vsfRate()).isBetween(0.004, 0.03);
    assertThat(all.vpfRate()).isBetween(0.0005, 0.02);
    assertThat(all.rebufferingRatio()).isBetween(0.001, 0.02);
    assertThat(all.avgBitrateKbps()).isBetween(1000.0, 6000.0);
    assertThat(startup.percentile(50)).isBetween(800L, 3000L);
    assertThat(startup.percentile(95)).isBetween(2000L, 8000L);
  }

  @Test
  void eachIncidentStandsOutInItsSlice() {
    Incident degraded = CONFIG.incidents().get(0);
    Incident drm = CONFIG.incidents().get(1);
    Incident rendition = CONFIG.incidents().get(2);

    assertThat(aggregate(hitBy(degraded)).sessions()).isGreaterThan(20);
    assertThat(aggregate(hitBy(degraded)).rebufferingRatio())
        .isGreaterThan(5 * aggregate(s -> s.incidents().isEmpty()).rebufferingRatio());
    assertThat(aggregate(hitBy(drm)).vsfRate()).isGreaterThan(0.8);
    assertThat(aggregate(hitBy(rendition)).vpfRate()).isGreaterThan(0.3);
    assertThat(aggregate(s -> s.incidents().isEmpty()).vpfRate()).isLessThan(0.02);
    // Sessions in the slice's scope but outside its time span are not hit.
    assertThat(
            SESSIONS.stream()
                .filter(s -> s.plan().cdn().name().equals("fastly"))
                .filter(s -> s.plan().network().country().equals("BR"))
                .filter(hitBy(degraded).negate()))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(degraded.activeAt(s.plan().startOffsetMs())).isFalse());
  }

  @Test
  void aPlayerBugFailsStartsAndPlaybacksOfItsSliceWithAnInternalError() {
    Incident bug = CONFIG.incidents().get(3);
    // Without the sessions another incident also hit (the bad rendition fails playbacks too).
    QoeAggregate slice = aggregate(s -> s.incidents().equals(List.of(bug)));
    QoeAggregate healthy = aggregate(s -> s.incidents().isEmpty());

    assertThat(slice.sessions()).isGreaterThan(200);
    assertThat(slice.vsfRate()).isBetween(0.2, 0.45).isGreaterThan(10 * healthy.vsfRate());
    assertThat(slice.vpfRate()).isBetween(0.2, 0.45).isGreaterThan(10 * healthy.vpfRate());
    List<SimulatedSession> internalErrors =
        SESSIONS.stream().filter(s -> "PLAYER_INTERNAL_ERROR".equals(fatalCode(s))).toList();
    assertThat(internalErrors)
        .hasSizeGreaterThan(80)
        .allSatisfy(s -> assertThat(s.incidents()).contains(bug))
        .allSatisfy(
            s ->
                assertThat(
                        s.intended().vpf() || s.intended().startupOutcome() == StartupOutcome.VSF)
                    .isTrue());
    // Playback fails soon after the first frame, not anywhere in the session.
    assertThat(internalErrors.stream().filter(s -> s.intended().vpf()))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.intended().playMs()).isLessThanOrEqualTo(30_000));
  }

  @Test
  void aDrillDownOverTheIncidentsTimeSpanPutsItsSliceOnTop() {
    Incident degraded = CONFIG.incidents().get(0);
    Incident drm = CONFIG.incidents().get(1);
    Incident rendition = CONFIG.incidents().get(2);

    assertThat(worstSlice(degraded, QoeAggregate::rebufferingRatio)).isEqualTo(degraded.scope());
    assertThat(worstSlice(drm, QoeAggregate::vsfRate)).isEqualTo(drm.scope());
    assertThat(worstSlice(rendition, QoeAggregate::vpfRate)).isEqualTo(rendition.scope());
    Incident bug = CONFIG.incidents().get(3);
    assertThat(worstSlice(bug, QoeAggregate::vsfRate)).isEqualTo(bug.scope());
    assertThat(worstSlice(bug, QoeAggregate::vpfRate)).isEqualTo(bug.scope());
  }

  /**
   * Groups the sessions that started during the incident by the dimensions of its scope, as a
   * drill-down would, and returns the values of the group with the worst metric (at least 10
   * sessions, so a lone unlucky session does not win).
   */
  private static Map<String, String> worstSlice(
      Incident incident, Function<QoeAggregate, Double> metric) {
    Map<Map<String, String>, QoeAggregate> groups = new HashMap<>();
    for (SimulatedSession session : SESSIONS) {
      if (incident.activeAt(session.plan().startOffsetMs())) {
        Map<String, String> key = new LinkedHashMap<>();
        incident.scope().keySet().forEach(d -> key.put(d, session.plan().dimension(d)));
        groups.computeIfAbsent(key, k -> new QoeAggregate()).add(session.intended());
      }
    }
    return groups.entrySet().stream()
        .filter(e -> e.getValue().sessions() >= 10 && metric.apply(e.getValue()) != null)
        .max(Comparator.comparingDouble(e -> metric.apply(e.getValue())))
        .orElseThrow()
        .getKey();
  }

  private static Predicate<SimulatedSession> hitBy(Incident incident) {
    return s -> s.incidents().contains(incident);
  }

  private static String fatalCode(SimulatedSession session) {
    return session.beacons().stream()
        .filter(b -> b.type() == EventType.ERROR && b.error().fatal())
        .map(b -> b.error().code())
        .findFirst()
        .orElse(null);
  }

  private static QoeAggregate aggregate(Predicate<SimulatedSession> filter) {
    QoeAggregate aggregate = new QoeAggregate();
    SESSIONS.stream().filter(filter).forEach(s -> aggregate.add(s.intended()));
    return aggregate;
  }
}
