package dev.openqoe.pinot.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Weighs the delivery-chain stages as causes of one slice's trouble. A stage accounts for the part
 * of the slice's excess of affected sessions (its rate of them above the overall rate) that its
 * errors bring: the sessions its records link to the stage, or that went through one of its
 * degraded components, counted in the slice against overall. Comparing with overall is what keeps a
 * stage that fails everywhere (a DRM outage during a player bug) from being named for a slice whose
 * own excess it does not cause. The player's own error codes compete the same way. No stage
 * accounting for {@value #MIN_EXPLAINED} of the excess, or the player's codes accounting for more:
 * the verdict is {@code unknown}.
 */
final class StageRanking {

  static final double MIN_EXPLAINED = 0.3;
  static final String UNKNOWN = "unknown";

  /** The stages, best explanation first, and the verdict with its sentence. */
  record Ranked(List<StageCandidate> stages, String verdict, String sentence) {}

  private StageRanking() {}

  /**
   * @param health per stage, per component, its health in the window against the baseline
   * @param named per stage, the component the slice (or the question's filter) consists of, if any
   */
  static Ranked rank(
      SliceCounts slice,
      SliceCounts overall,
      Map<DeliveryStage, Map<String, ComponentHealth>> health,
      Map<DeliveryStage, String> named,
      String affectedWhat) {
    List<StageCandidate> stages = new ArrayList<>();
    for (DeliveryStage stage : DeliveryStage.values()) {
      stages.add(
          candidate(
              stage,
              slice,
              overall,
              health.getOrDefault(stage, Map.of()),
              named.get(stage),
              affectedWhat));
    }
    stages.sort(Comparator.comparingDouble(StageCandidate::explained).reversed());
    StageCandidate top = stages.get(0);
    double player = accountedForByLinks(slice.playerCoded(), slice, overall.playerCoded(), overall);
    if (top.explained() >= MIN_EXPLAINED && top.explained() > player) {
      return new Ranked(
          stages,
          top.stage(),
          String.format(
              Locale.ROOT,
              "%s accounts for %s of the slice's excess %s: %s",
              top.stage(),
              percent(top.explained()),
              affectedWhat,
              top.sentence()));
    }
    String players =
        slice.affected() == 0 || slice.playerCoded() == 0
            ? ""
            : String.format(
                Locale.ROOT,
                "; %d of its %d %s carry the player's own error codes (decode, unsupported"
                    + " source, internal), accounting for %s of its excess: look at the player",
                slice.playerCoded(),
                slice.affected(),
                affectedWhat,
                percent(player));
    String chain =
        top.explained() >= MIN_EXPLAINED
            ? String.format(
                Locale.ROOT,
                "the player's own errors account for more of it than any delivery-chain stage (%s"
                    + " accounts for %s)",
                top.stage(),
                percent(top.explained()))
            : "no delivery-chain stage accounts for it: the CDN, DRM and transcode records linked"
                + " to its sessions and the health of the components they used are no worse than"
                + " overall";
    return new Ranked(stages, UNKNOWN, chain + players);
  }

  private static StageCandidate candidate(
      DeliveryStage stage,
      SliceCounts slice,
      SliceCounts overall,
      Map<String, ComponentHealth> health,
      String named,
      String affectedWhat) {
    Set<String> degraded = new LinkedHashSet<>();
    health.values().stream()
        .filter(component -> component.degraded(stage.failureRateFloor()))
        .sorted(Comparator.comparingDouble(ComponentHealth::failureRate).reversed())
        .forEach(component -> degraded.add(component.component()));
    long linked = slice.linked(stage);
    long onDegraded = slice.on(stage, degraded).affected();
    double explained =
        Math.max(
            accountedForByLinks(linked, slice, overall.linked(stage), overall),
            accountedForByHealth(stage, degraded, slice, overall));
    List<ComponentHealth> relevant =
        degraded.stream()
            .filter(
                component ->
                    named == null
                        ? slice.on(stage, Set.of(component)).affected() > 0
                        : named.equals(component))
            .map(health::get)
            .toList();
    double linkedShare = share(linked, slice.affected());
    double linkedOverall = share(overall.linked(stage), overall.affected());
    String sentence =
        String.format(
                Locale.ROOT,
                "%d of %d %s (%s) have %s, against %s overall",
                linked,
                slice.affected(),
                affectedWhat,
                percent(linkedShare),
                stage.linkDescription(),
                percent(linkedOverall))
            + health(stage, relevant, onDegraded, slice.affected(), named, health);
    return new StageCandidate(
        stage.wireName(),
        explained,
        linked,
        linkedShare,
        linkedOverall,
        onDegraded,
        relevant,
        sentence);
  }

  private static String health(
      DeliveryStage stage,
      List<ComponentHealth> degraded,
      long onDegraded,
      long affected,
      String named,
      Map<String, ComponentHealth> health) {
    if (degraded.isEmpty()) {
      ComponentHealth own = named == null ? null : health.get(named);
      return own == null
          ? "; the components its sessions used are healthy"
          : "; " + describe(own, stage) + ", not degraded";
    }
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT, "; %d of the %d went through degraded ", onDegraded, affected));
    for (int i = 0; i < Math.min(3, degraded.size()); i++) {
      text.append(i == 0 ? "" : ", ").append(describe(degraded.get(i), stage));
    }
    return text.toString();
  }

  private static String describe(ComponentHealth component, DeliveryStage stage) {
    Double baseline = component.baselineFailureRate();
    return String.format(
        Locale.ROOT,
        "%s (%s %s of %d%s, %s)",
        component.component(),
        percent(component.failureRate()),
        stage.failureWord(),
        component.total(),
        component.worstPart() == null
            ? ""
            : String.format(
                Locale.ROOT,
                "; worst %s %s at %s",
                stage.healthPart(),
                component.worstPart(),
                percent(component.worstPartRate())),
        baseline == null ? "no baseline records" : percent(baseline) + " in the baseline");
  }

  /**
   * The share of the slice's excess rate of affected sessions (over the overall rate) that the
   * {@code inSlice} sessions linked to a stage account for, against {@code inOverall} overall: what
   * is left of the excess with the linked sessions taken out of both. When the slice is not
   * affected more often than overall (its stalls are longer, say), the share of its affected
   * sessions that are linked, if more of them are than overall.
   */
  static double accountedForByLinks(
      long inSlice, SliceCounts slice, long inOverall, SliceCounts overall) {
    if (slice.affected() == 0 || slice.population() == 0 || overall.population() == 0) {
      return 0;
    }
    double stageExcess =
        share(inSlice, slice.population()) - share(inOverall, overall.population());
    if (stageExcess <= 0) {
      return 0;
    }
    double excess = excessRate(slice, overall);
    return excess > 0 ? Math.min(1, stageExcess / excess) : share(inSlice, slice.affected());
  }

  /**
   * The share of the slice's excess rate that its sessions on the stage's degraded components
   * account for: what is left of the excess when the slice's sessions elsewhere are compared with
   * all sessions elsewhere. A slice entirely on degraded components (the failing CDN, or a player
   * only the failing DRM system serves) has nothing elsewhere: there the degradation accounts for
   * what it does to the component's other sessions, against how much worse than healthy sessions
   * the slice fares (all of it for a slice that is the whole component).
   */
  static double accountedForByHealth(
      DeliveryStage stage, Set<String> degraded, SliceCounts slice, SliceCounts overall) {
    SliceCounts.Sessions on = slice.on(stage, degraded);
    if (slice.affected() == 0 || on.affected() == 0) {
      return 0;
    }
    SliceCounts.Sessions off = slice.off(stage, degraded);
    double cleanOverall = rate(overall.off(stage, degraded));
    if (rate(on) <= cleanOverall) {
      return 0;
    }
    if (off.sessions() == 0) {
      SliceCounts.Sessions all = overall.on(stage, degraded);
      SliceCounts.Sessions others =
          new SliceCounts.Sessions(all.sessions() - on.sessions(), all.affected() - on.affected());
      double effect = (others.sessions() == 0 ? rate(on) : rate(others)) - cleanOverall;
      return Math.max(0, Math.min(1, effect / (rate(on) - cleanOverall)));
    }
    double excess = excessRate(slice, overall);
    if (excess <= 0) {
      return share(on.affected(), slice.affected());
    }
    double residual = rate(off) - cleanOverall;
    return Math.max(0, Math.min(1, 1 - residual / excess));
  }

  private static double excessRate(SliceCounts slice, SliceCounts overall) {
    return share(slice.affected(), slice.population())
        - share(overall.affected(), overall.population());
  }

  private static double rate(SliceCounts.Sessions sessions) {
    return share(sessions.affected(), sessions.sessions());
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", share * 100);
  }
}
