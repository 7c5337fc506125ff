package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.Slice;
import dev.openqoe.slo.SloDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alerts firing now, each with its latest record: what an evaluation compares its verdicts
 * with. Rebuilt at start from the alert log ({@link #recover}), the only state the evaluator has.
 */
public final class FiringAlerts {

  private final Map<String, AlertRecord> byId = new LinkedHashMap<>();

  /** The alerts whose last logged transition is {@code firing}, from the log in its order. */
  public static FiringAlerts recover(List<AlertRecord> log) {
    FiringAlerts firing = new FiringAlerts();
    for (AlertRecord record : log) {
      if (record.firing()) {
        firing.byId.put(record.alertId(), record);
      } else {
        firing.byId.remove(record.alertId());
      }
    }
    return firing;
  }

  public Optional<AlertRecord> get(String alertId) {
    return Optional.ofNullable(byId.get(alertId));
  }

  /** Records that the alert fires, with these figures. */
  void put(AlertRecord firing) {
    byId.put(firing.alertId(), firing);
  }

  void remove(String alertId) {
    byId.remove(alertId);
  }

  /** Every firing alert's latest record. */
  public List<AlertRecord> all() {
    return List.copyOf(byId.values());
  }

  /** The firing alerts of {@code slo}. */
  List<AlertRecord> of(SloDefinition slo) {
    List<AlertRecord> of = new ArrayList<>();
    for (AlertRecord record : byId.values()) {
      if (record.propertyId().equals(slo.property()) && record.slo().equals(slo.name())) {
        of.add(record);
      }
    }
    return of;
  }

  /** The slices of {@code slo} that have a firing alert and are slices of its {@code by}. */
  Set<Slice> slicesOf(SloDefinition slo) {
    Set<Slice> slices = new LinkedHashSet<>();
    for (AlertRecord record : of(slo)) {
      Slice slice = record.sliceValues();
      if (slice.dimensions().equals(slo.by())) {
        slices.add(slice);
      }
    }
    return slices;
  }

  /** The firing alerts whose id is not among {@code ids}. */
  List<AlertRecord> except(Collection<String> ids) {
    return byId.values().stream().filter(record -> !ids.contains(record.alertId())).toList();
  }
}
