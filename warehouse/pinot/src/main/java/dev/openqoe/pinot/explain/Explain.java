package dev.openqoe.pinot.explain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.ResultTable;
import dev.openqoe.pinot.drill.Drill;
import dev.openqoe.pinot.drill.DrillDimension;
import dev.openqoe.pinot.drill.DrillMetric;
import dev.openqoe.pinot.drill.ExcessImpact;
import dev.openqoe.pinot.drill.SliceMeasure;
import dev.openqoe.pinot.drill.TimeRange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Answers {@code qoe explain} on Pinot: the metric against its baseline, the slices that hold its
 * excess across the dimensions, and per slice the delivery-chain stages ranked by what accounts for
 * it, from the sessions' own delivery records (qoe_session_delivery) and the stages' health
 * (qoe_ops_health). Its queries run a few at a time, so the answer takes about the time of the
 * slowest few.
 */
public final class Explain implements AutoCloseable {

  private static final int PARALLEL_QUERIES = 12;

  private final PinotBroker broker;
  private final Drill drill;
  private final Clock clock;
  private final ExecutorService queries =
      Executors.newFixedThreadPool(
          PARALLEL_QUERIES,
          runnable -> {
            Thread thread = new Thread(runnable, "qoe-explain-query");
            thread.setDaemon(true);
            return thread;
          });

  public Explain(PinotBroker broker, Clock clock) {
    this.broker = broker;
    this.drill = new Drill(broker, clock);
    this.clock = clock;
  }

  /** What every slice of one question is explained against, its queries under way. */
  private record Question(
      DrillMetric metric,
      Map<String, List<String>> where,
      TimeRange window,
      Baseline baseline,
      Future<SliceMeasure> overall,
      Future<SliceMeasure> overallBefore,
      Future<SliceCounts> overallCounts,
      Map<DeliveryStage, Future<Map<String, ComponentHealth>>> health) {}

  public Explanation run(ExplainRequest request) {
    long began = System.nanoTime();
    Question question = ask(request);
    DrillMetric metric = question.metric();
    SliceMeasure all = get(question.overall());
    List<String> dimensions =
        DrillDimension.ALL.stream()
            .filter(dimension -> !fixed(question.where(), dimension))
            .toList();
    List<SliceFinder.Found> found =
        SliceFinder.find(
            new PinotBreakdown(
                drill, metric, question.where(), question.window(), queries, Explain::get),
            dimensions,
            all,
            metric.higherIsWorse(),
            metric.isRatio(),
            request.slices());
    List<Explanation.SliceExplanation> slices = explain(question, found);
    SliceMeasure before = get(question.overallBefore());
    Baseline baseline = question.baseline();
    return new Explanation(
        metric.id(),
        metric.description(),
        question.where(),
        question.window().fromMillis(),
        all.value(),
        all.sessions(),
        new Explanation.BaselineValue(
            baseline.kind(),
            baseline.range().fromMillis(),
            baseline.range().toMillis(),
            baseline.reason(),
            before.value(),
            before.sessions()),
        AffectedSessions.description(metric),
        slices,
        (System.nanoTime() - began) / 1_000_000);
  }

  /**
   * One given slice of the question's sessions (an alert's), explained against all of them; its
   * share is 1 when it is worse than the whole, else 0.
   */
  public Explanation.SliceExplanation slice(ExplainRequest request, Map<String, String> slice) {
    Question question = ask(request);
    SliceMeasure measure =
        drill.measure(question.metric(), merged(question.where(), slice), question.window());
    var impact =
        ExcessImpact.rank(
                List.of(new ExcessImpact.Group<>(measure, measure.value(), measure.weight())),
                get(question.overall()).value(),
                question.metric().higherIsWorse())
            .get(0);
    return explain(
            question,
            List.of(
                new SliceFinder.Found(
                    slice, Map.of(), measure, impact.excess(), impact.excess() > 0 ? 1 : 0)))
        .get(0);
  }

  private Question ask(ExplainRequest request) {
    long now = clock.millis();
    DrillMetric metric = request.metric();
    TimeRange window = new TimeRange(now - request.since().toMillis(), now);
    Map<String, List<String>> where = request.where();
    Future<SliceMeasure> overall = submit(() -> drill.measure(metric, where, window));
    Future<SliceCounts> overallCounts = submit(() -> counts(metric, where, window));
    long lastWeekSessions =
        request.baseline() == BaselineChoice.AUTO
            ? drill.measure(metric, where, window.earlierBy(Baseline.WEEK_MILLIS, now)).sessions()
            : 0;
    Baseline baseline = Baseline.choose(request.baseline(), window, now, lastWeekSessions);
    Future<SliceMeasure> overallBefore =
        submit(() -> drill.measure(metric, where, baseline.range()));
    Map<DeliveryStage, Future<Map<String, ComponentHealth>>> health =
        new EnumMap<>(DeliveryStage.class);
    for (DeliveryStage stage : DeliveryStage.values()) {
      health.put(
          stage,
          submit(
              () ->
                  ComponentHealthTable.of(
                      stage, broker.query(ExplainSql.health(stage, window, baseline.range())))));
    }
    return new Question(
        metric, where, window, baseline, overall, overallBefore, overallCounts, health);
  }

  private List<Explanation.SliceExplanation> explain(
      Question question, List<SliceFinder.Found> found) {
    DrillMetric metric = question.metric();
    List<Future<SliceCounts>> sliceCounts = new ArrayList<>();
    List<Future<SliceMeasure>> sliceBaselines = new ArrayList<>();
    for (SliceFinder.Found slice : found) {
      Map<String, List<String>> sliceWhere = merged(question.where(), slice.dimensions());
      sliceCounts.add(submit(() -> counts(metric, sliceWhere, question.window())));
      sliceBaselines.add(
          submit(() -> drill.measure(metric, sliceWhere, question.baseline().range())));
    }
    Map<DeliveryStage, Map<String, ComponentHealth>> health = new EnumMap<>(DeliveryStage.class);
    question.health().forEach((stage, future) -> health.put(stage, get(future)));
    String affectedWhat = AffectedSessions.description(metric);
    SliceCounts everything = get(question.overallCounts());
    List<Explanation.SliceExplanation> slices = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      SliceFinder.Found slice = found.get(i);
      SliceCounts counts = get(sliceCounts.get(i));
      StageRanking.Ranked ranked =
          StageRanking.rank(
              counts,
              everything,
              health,
              named(question.where(), slice.dimensions()),
              affectedWhat);
      slices.add(
          new Explanation.SliceExplanation(
              slice.dimensions(),
              slice.sameSessions(),
              slice.measure().value(),
              get(sliceBaselines.get(i)).value(),
              slice.measure().sessions(),
              slice.excess(),
              slice.share(),
              counts.affected(),
              ranked.verdict(),
              ranked.sentence(),
              ranked.stages()));
    }
    return slices;
  }

  @Override
  public void close() {
    queries.shutdownNow();
  }

  /**
   * The sessions of {@code where} in the window, counted for the stages: their delivery records'
   * links, and per stage how they spread over its components (every session has one value per
   * component column, so each spread also counts them all). Two queries.
   */
  private SliceCounts counts(
      DrillMetric metric, Map<String, List<String>> where, TimeRange window) {
    ResultTable links = broker.query(ExplainSql.links(metric, where, window));
    Map<DeliveryStage, Long> linked = new EnumMap<>(DeliveryStage.class);
    long playerCoded = 0;
    if (!links.rows().isEmpty()) {
      List<JsonNode> row = links.rows().get(0);
      for (DeliveryStage stage : DeliveryStage.values()) {
        linked.put(stage, links.value(row, ExplainSql.linkedColumn(stage)).asLong());
      }
      playerCoded = links.value(row, ExplainSql.PLAYER_CODED).asLong();
    }
    ResultTable table = broker.query(ExplainSql.byComponents(metric, where, window));
    Map<DeliveryStage, Map<String, SliceCounts.Sessions>> byComponent =
        new EnumMap<>(DeliveryStage.class);
    for (List<JsonNode> row : table.rows()) {
      long count = table.value(row, ExplainSql.SESSION_COUNT).asLong();
      long hit = table.value(row, ExplainSql.AFFECTED_COUNT).asLong();
      for (DeliveryStage stage : DeliveryStage.values()) {
        byComponent
            .computeIfAbsent(stage, s -> new LinkedHashMap<>())
            .merge(
                table.value(row, stage.sessionDimension()).asText(),
                new SliceCounts.Sessions(count, hit),
                (a, b) ->
                    new SliceCounts.Sessions(
                        a.sessions() + b.sessions(), a.affected() + b.affected()));
      }
    }
    Map<String, SliceCounts.Sessions> any = byComponent.getOrDefault(DeliveryStage.CDN, Map.of());
    return new SliceCounts(
        any.values().stream().mapToLong(SliceCounts.Sessions::sessions).sum(),
        any.values().stream().mapToLong(SliceCounts.Sessions::affected).sum(),
        linked,
        playerCoded,
        byComponent);
  }

  private static boolean fixed(Map<String, List<String>> where, String dimension) {
    List<String> values = where.get(dimension);
    return values != null && values.size() == 1;
  }

  /** Per stage, the component the slice or the question's filter is made of. */
  private static Map<DeliveryStage, String> named(
      Map<String, List<String>> where, Map<String, String> slice) {
    Map<DeliveryStage, String> named = new EnumMap<>(DeliveryStage.class);
    for (DeliveryStage stage : DeliveryStage.values()) {
      String dimension = stage.sessionDimension();
      if (slice.containsKey(dimension)) {
        named.put(stage, slice.get(dimension));
      } else if (fixed(where, dimension)) {
        named.put(stage, where.get(dimension).get(0));
      }
    }
    return named;
  }

  private static Map<String, List<String>> merged(
      Map<String, List<String>> where, Map<String, String> within) {
    Map<String, List<String>> merged = new LinkedHashMap<>(where);
    within.forEach((dimension, value) -> merged.put(dimension, List.of(value)));
    return merged;
  }

  private <T> Future<T> submit(Callable<T> query) {
    return queries.submit(query);
  }

  private static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Pinot", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
