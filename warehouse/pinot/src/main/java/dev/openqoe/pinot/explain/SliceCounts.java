package dev.openqoe.pinot.explain;

import java.util.Map;
import java.util.Set;

/**
 * What the sessions of one group (a slice, or all sessions asked about) say of the delivery chain:
 * how many are in the metric's population and how many are affected, how many of those are linked
 * by their own records to each stage's errors or carry the player's own error codes, and per stage
 * how they spread over its components.
 *
 * @param linked per stage, affected sessions whose delivery record ties them to its errors
 * @param playerCoded affected sessions whose failure the player's own error code decided
 * @param byComponent per stage, per component (CDN, DRM system, asset): sessions and affected ones
 */
record SliceCounts(
    long population,
    long affected,
    Map<DeliveryStage, Long> linked,
    long playerCoded,
    Map<DeliveryStage, Map<String, Sessions>> byComponent) {

  /** The sessions of a component and the affected ones among them. */
  record Sessions(long sessions, long affected) {}

  long linked(DeliveryStage stage) {
    return linked.getOrDefault(stage, 0L);
  }

  /** The sessions that went through one of {@code components} of {@code stage}. */
  Sessions on(DeliveryStage stage, Set<String> components) {
    long sessions = 0;
    long affected = 0;
    for (var entry : byComponent.getOrDefault(stage, Map.of()).entrySet()) {
      if (components.contains(entry.getKey())) {
        sessions += entry.getValue().sessions();
        affected += entry.getValue().affected();
      }
    }
    return new Sessions(sessions, affected);
  }

  /** The sessions that went through none of {@code components} of {@code stage}. */
  Sessions off(DeliveryStage stage, Set<String> components) {
    Sessions on = on(stage, components);
    return new Sessions(population - on.sessions(), affected - on.affected());
  }
}
