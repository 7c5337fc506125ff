package dev.openqoe.slo.evaluator;

import dev.openqoe.pinot.drill.DrillMetric;
import dev.openqoe.pinot.explain.BaselineChoice;
import dev.openqoe.pinot.explain.Explain;
import dev.openqoe.pinot.explain.ExplainRequest;
import dev.openqoe.pinot.explain.Explanation;
import dev.openqoe.slo.Sli;
import dev.openqoe.slo.SloDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Explains a firing alert with {@code qoe explain} over the deciding rule's long window: for a
 * sliced alert, the delivery-chain stage that accounts for its slice against the SLO's other
 * sessions; for an alert on the whole property, the slice holding most of the excess and its stage.
 * The SLI's figures come first ({@link SliValueExplainer}), and stay alone on a resolved alert or
 * when Pinot cannot answer. An alert's explanation is asked again at most every {@link #REFRESH}: a
 * firing alert is re-sent every evaluation, and forty-odd queries a minute per alert would be load
 * for nothing.
 */
public final class DeliveryChainExplainer implements AlertExplainer {

  static final Duration REFRESH = Duration.ofMinutes(5);

  private record Answer(long at, String text) {}

  private final Explain explain;
  private final AlertExplainer figures = new SliValueExplainer();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  public DeliveryChainExplainer(Explain explain) {
    this.explain = explain;
  }

  @Override
  public String explain(AlertVerdict verdict) {
    String values = figures.explain(verdict);
    String id = verdict.key().id();
    if (!verdict.firing()) {
      answers.remove(id);
      return values;
    }
    Answer answer = answers.get(id);
    if (answer == null || verdict.now() - answer.at() >= REFRESH.toMillis()) {
      answer = new Answer(verdict.now(), ask(verdict));
      answers.put(id, answer);
    }
    return values + " " + answer.text();
  }

  private String ask(AlertVerdict verdict) {
    SloDefinition slo = verdict.slo();
    Duration window = verdict.rule().longWindow();
    String prefix = "qoe explain over the last " + Figures.window(window) + ": ";
    try {
      ExplainRequest request =
          new ExplainRequest(metric(slo.sli()), where(slo), window, 1, BaselineChoice.AUTO);
      if (verdict.slice().isWhole()) {
        List<Explanation.SliceExplanation> slices = explain.run(request).slices();
        return prefix
            + (slices.isEmpty()
                ? "no slice of the property stands out."
                : describe(slices.get(0).dimensions()) + ": " + sentence(slices.get(0)));
      }
      return prefix + sentence(explain.slice(request, verdict.slice().values()));
    } catch (RuntimeException e) {
      return prefix + "could not answer (" + e.getMessage() + ").";
    }
  }

  private static String sentence(Explanation.SliceExplanation slice) {
    return slice.verdict() + ": " + slice.sentence() + ".";
  }

  /** The drill-down metric an SLI's bad events raise. */
  static DrillMetric metric(Sli sli) {
    return switch (sli) {
      case START_SUCCESS -> DrillMetric.VSF;
      case EBVS -> DrillMetric.EBVS;
      case STARTUP_TIME -> DrillMetric.VST_P95;
      case REBUFFER -> DrillMetric.RBR;
      case PLAYBACK_SUCCESS -> DrillMetric.VPF;
    };
  }

  private static Map<String, List<String>> where(SloDefinition slo) {
    Map<String, List<String>> where = new LinkedHashMap<>(slo.where());
    where.put("property_id", List.of(slo.property()));
    return where;
  }

  private static String describe(Map<String, String> dimensions) {
    return dimensions.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining(", "));
  }
}
