package dev.openqoe.slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One SLO of the SLO file: an objective on an SLI of one property's sessions, optionally restricted
 * ({@code where}) and sliced ({@code by}: one alert per slice), with the burn-rate rules that alert
 * on it. {@link SloFile} checks a file's entries and says what is wrong; this record holds only
 * checked ones.
 *
 * @param threshold the startup time under which a start is good, for {@link Sli#STARTUP_TIME} only
 * @param where dimension to the values kept (any of them)
 * @param by the dimensions that make a slice, in order
 */
public record SloDefinition(
    String name,
    String property,
    Sli sli,
    Optional<Duration> threshold,
    double objective,
    Map<String, List<String>> where,
    List<String> by,
    List<BurnRateRule> rules) {

  public SloDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(sli, "sli");
    if (sli.needsThreshold() != threshold.isPresent()) {
      throw new IllegalArgumentException(
          "SLO " + name + ": a threshold goes with startup_time, and only with it");
    }
    where = Collections.unmodifiableMap(new LinkedHashMap<>(where));
    by = List.copyOf(by);
    rules = List.copyOf(rules);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("SLO " + name + ": needs at least one burn-rate rule");
    }
    new Slo(name, objective); // checks the name and the objective as every Slo's
  }

  /** The objective and its error budget, as the burn-rate rules take them. */
  public Slo slo() {
    return new Slo(name, objective);
  }

  /** How far back the rules look: the longest long window. */
  public Duration longestWindow() {
    return rules.stream()
        .map(BurnRateRule::longWindow)
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }

  /** The severities of its rules, each once, page before ticket. */
  public List<Severity> severities() {
    return rules.stream().map(BurnRateRule::severity).distinct().sorted().toList();
  }

  /** Its rules of {@code severity}, in file order. */
  public List<BurnRateRule> rules(Severity severity) {
    List<BurnRateRule> of = new ArrayList<>();
    for (BurnRateRule rule : rules) {
      if (rule.severity() == severity) {
        of.add(rule);
      }
    }
    return of;
  }
}
