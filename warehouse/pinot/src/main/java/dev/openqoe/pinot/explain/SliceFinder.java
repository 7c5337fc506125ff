package dev.openqoe.pinot.explain;

import dev.openqoe.pinot.drill.ExcessImpact;
import dev.openqoe.pinot.drill.SliceMeasure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slices that hold a metric's excess, across every dimension at once: the drill-down's ranking
 * per dimension, merged by excess (the affected sessions or time beyond what the overall value
 * would give, comparable between dimensions).
 *
 * <ul>
 *   <li>A slice is narrowed by one more dimension's value when what sets the slice apart (its value
 *       against the other sessions with the same value of that dimension) lies for {@value #HOLDS}
 *       within that value, on at most that share of its sessions; of several such values, the one
 *       where it is most concentrated. An incident on one CDN in one country is that pair, while a
 *       player bug, as bad on every CDN, stays the player's.
 *   <li>A candidate is skipped when a slice already chosen accounts for it: taking that slice's
 *       sessions out of both, the candidate keeps less than {@code 1 - HOLDS} of its excess (the
 *       country of a CDN incident), or less than {@value #MIN_SHARE} of the biggest slice's (what
 *       an incident leaves in every other dimension's values by chance). Unless it is {@value
 *       #SHARPER} times as far from the overall value as that slice: two incidents that share a
 *       broad slice (mobile devices) are each listed after it.
 *   <li>Percentiles do not add up over sessions: for them a slice is not narrowed, and only a
 *       candidate inside a chosen slice is skipped.
 * </ul>
 */
final class SliceFinder {

  /** A candidate must hold at least this share of its dimension's excess. */
  static final double MIN_SHARE = 0.1;

  static final double HOLDS = 0.8;

  static final double SHARPER = 1.5;

  /** Candidates beyond the limit whose parts are asked for ahead: some candidates are skipped. */
  private static final int PREFETCHED = 2;

  /**
   * The metric per value of each dimension, over the sessions of {@code within} (and the question's
   * filter).
   */
  interface Breakdown {
    Map<String, List<SliceMeasure>> by(List<String> dimensions, Map<String, String> within);

    /** Says which breakdowns {@link #by} will likely be asked next, each within one slice. */
    default void prefetch(List<String> dimensions, List<Map<String, String>> withins) {}
  }

  /**
   * A slice found.
   *
   * @param share its excess over the sum of the positive excesses of its first dimension, at most 1
   *     (a narrowed slice can hold more excess than its first dimension's value, when the rest of
   *     that value is better than the whole)
   * @param sameSessions other dimensions' values that hold exactly the slice's sessions (a player
   *     version only one OS has): the data cannot tell them from the slice, so they are named with
   *     it
   */
  record Found(
      Map<String, String> dimensions,
      Map<String, String> sameSessions,
      SliceMeasure measure,
      double excess,
      double share) {}

  private record Candidate(
      String dimension, String value, SliceMeasure measure, double excess, double share) {}

  /** A chosen slice and, per other dimension's value, its part of that value's sessions. */
  private record Chosen(Found found, Map<String, SliceMeasure> parts) {}

  private SliceFinder() {}

  /**
   * @param additive whether the metric is a sum over sessions divided by another (every metric but
   *     a percentile)
   */
  static List<Found> find(
      Breakdown breakdown,
      List<String> dimensions,
      SliceMeasure overall,
      boolean higherIsWorse,
      boolean additive,
      int limit) {
    Double overallValue = overall.value();
    List<Candidate> candidates = new ArrayList<>();
    Map<String, SliceMeasure> singles = new LinkedHashMap<>();
    breakdown
        .by(dimensions, Map.of())
        .forEach(
            (dimension, groups) -> {
              groups.forEach(
                  group -> singles.put(key(dimension, group.dimensions().get(dimension)), group));
              for (var impact : rank(groups, overallValue, higherIsWorse)) {
                if (impact.excess() > 0 && impact.share() >= MIN_SHARE) {
                  candidates.add(
                      new Candidate(
                          dimension,
                          impact.key().dimensions().get(dimension),
                          impact.key(),
                          impact.excess(),
                          impact.share()));
                }
              }
            });
    candidates.sort(Comparator.comparingDouble(Candidate::excess).reversed());
    breakdown.prefetch(
        dimensions,
        candidates.stream()
            .limit(limit + PREFETCHED)
            .map(candidate -> Map.of(candidate.dimension(), candidate.value()))
            .toList());
    List<Chosen> chosen = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (chosen.size() == limit) {
        break;
      }
      if (chosen.stream()
          .noneMatch(
              slice ->
                  accountsFor(
                      slice,
                      candidate,
                      overall,
                      higherIsWorse,
                      additive,
                      MIN_SHARE * chosen.get(0).found().excess()))) {
        chosen.add(
            narrow(breakdown, dimensions, candidate, singles, overall, higherIsWorse, additive));
      }
    }
    return chosen.stream().map(Chosen::found).toList();
  }

  private static boolean accountsFor(
      Chosen slice,
      Candidate candidate,
      SliceMeasure overall,
      boolean higherIsWorse,
      boolean additive,
      double negligible) {
    if (candidate.value().equals(slice.found().dimensions().get(candidate.dimension()))) {
      return true;
    }
    SliceMeasure part = slice.parts().get(key(candidate.dimension(), candidate.value()));
    if (!additive || part == null || sharper(part, slice, overall, higherIsWorse)) {
      return false;
    }
    SliceMeasure rest = minus(overall, slice.found().measure());
    SliceMeasure outside = minus(candidate.measure(), part);
    if (rest.value() == null || outside.value() == null) {
      return true;
    }
    double difference = outside.value() - rest.value();
    double excess = (higherIsWorse ? difference : -difference) * outside.weight();
    return excess <= Math.max((1 - HOLDS) * candidate.excess(), negligible);
  }

  /**
   * Whether the candidate's part of the chosen slice is at least {@value #SHARPER} times as far
   * from the overall value as the slice: a sharper explanation of part of its excess (one of two
   * incidents that share a broad slice, such as mobile devices), listed rather than skipped.
   */
  private static boolean sharper(
      SliceMeasure candidate, Chosen slice, SliceMeasure overall, boolean higherIsWorse) {
    Double value = slice.found().measure().value();
    if (candidate.value() == null || value == null || overall.value() == null) {
      return false;
    }
    double sign = higherIsWorse ? 1 : -1;
    return sign * (candidate.value() - overall.value())
        >= SHARPER * sign * (value - overall.value());
  }

  /** The sessions of {@code whole} without those of {@code part}, for a ratio metric. */
  private static SliceMeasure minus(SliceMeasure whole, SliceMeasure part) {
    double weight = whole.weight() - part.weight();
    double numerator = numerator(whole) - numerator(part);
    return new SliceMeasure(
        whole.dimensions(),
        weight <= 0 ? null : numerator / weight,
        whole.sessions() - part.sessions(),
        Math.max(weight, 0));
  }

  private static double numerator(SliceMeasure measure) {
    return measure.value() == null ? 0 : measure.value() * measure.weight();
  }

  private static Chosen narrow(
      Breakdown breakdown,
      List<String> dimensions,
      Candidate candidate,
      Map<String, SliceMeasure> singles,
      SliceMeasure overall,
      boolean higherIsWorse,
      boolean additive) {
    Map<String, String> within = Map.of(candidate.dimension(), candidate.value());
    Map<String, SliceMeasure> parts = parts(breakdown, dimensions, within);
    SliceMeasure best = null;
    double bestConcentration = 0;
    for (var entry : parts.entrySet()) {
      SliceMeasure part = entry.getValue();
      SliceMeasure value = singles.get(entry.getKey());
      if (!additive || value == null || part.sessions() > HOLDS * candidate.measure().sessions()) {
        continue;
      }
      SliceMeasure rest = minus(candidate.measure(), part);
      SliceMeasure othersThere = minus(value, part);
      SliceMeasure othersElsewhere = minus(minus(overall, candidate.measure()), othersThere);
      double there = effect(part, othersThere, higherIsWorse);
      double elsewhere = Math.max(0, effect(rest, othersElsewhere, higherIsWorse));
      double concentration = there / Math.max(part.weight(), 1e-9);
      if (there > 0 && there >= HOLDS * (there + elsewhere) && concentration > bestConcentration) {
        best = part;
        bestConcentration = concentration;
      }
    }
    if (best == null) {
      return new Chosen(
          new Found(
              within,
              sameSessions(parts, singles, candidate.measure()),
              candidate.measure(),
              candidate.excess(),
              candidate.share()),
          parts);
    }
    Map<String, String> narrowed = new LinkedHashMap<>(within);
    narrowed.putAll(best.dimensions());
    double excess = rank(List.of(best), overall.value(), higherIsWorse).get(0).excess();
    SliceMeasure measure = new SliceMeasure(narrowed, best.value(), best.sessions(), best.weight());
    Map<String, SliceMeasure> narrowedParts = parts(breakdown, dimensions, narrowed);
    return new Chosen(
        new Found(
            narrowed,
            sameSessions(narrowedParts, singles, measure),
            measure,
            excess,
            Math.min(1, candidate.share() * excess / candidate.excess())),
        narrowedParts);
  }

  /** The values whose sessions, within the slice and in all, are exactly the slice's. */
  private static Map<String, String> sameSessions(
      Map<String, SliceMeasure> parts, Map<String, SliceMeasure> singles, SliceMeasure slice) {
    Map<String, String> same = new LinkedHashMap<>();
    parts.forEach(
        (key, part) -> {
          SliceMeasure value = singles.get(key);
          if (part.sessions() == slice.sessions()
              && value != null
              && value.sessions() == slice.sessions()) {
            same.putAll(part.dimensions());
          }
        });
    return same;
  }

  /**
   * How much worse {@code sessions} fare than {@code others}, times their weight; 0 when either has
   * no value.
   */
  private static double effect(SliceMeasure sessions, SliceMeasure others, boolean higherIsWorse) {
    if (sessions.value() == null || others.value() == null) {
      return 0;
    }
    double difference = sessions.value() - others.value();
    return (higherIsWorse ? difference : -difference) * sessions.weight();
  }

  /** The parts of the sessions of {@code within}, by the value of each other dimension. */
  private static Map<String, SliceMeasure> parts(
      Breakdown breakdown, List<String> dimensions, Map<String, String> within) {
    List<String> others =
        dimensions.stream().filter(dimension -> !within.containsKey(dimension)).toList();
    Map<String, SliceMeasure> parts = new LinkedHashMap<>();
    breakdown
        .by(others, within)
        .forEach(
            (dimension, groups) -> {
              for (SliceMeasure group : groups) {
                parts.put(key(dimension, group.dimensions().get(dimension)), group);
              }
            });
    return parts;
  }

  private static List<ExcessImpact.Impact<SliceMeasure>> rank(
      List<SliceMeasure> groups, Double overallValue, boolean higherIsWorse) {
    return ExcessImpact.rank(
        groups.stream()
            .map(group -> new ExcessImpact.Group<>(group, group.value(), group.weight()))
            .toList(),
        overallValue,
        higherIsWorse);
  }

  private static String key(String dimension, String value) {
    return dimension + "=" + value;
  }
}
