package dev.openqoe.simulator;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.session.SessionFacts;
import java.util.List;

/**
 * One session as the simulator scripted it: the beacons its player sends, batched as sent, and the
 * facts the pipeline should compute from them.
 *
 * @param intended the session's QoE facts by the definitions of stream-jobs/session-model, computed
 *     from the script's own timeline
 * @param incidents the incidents that hit this session
 * @param delivery what the delivery chain (CDN, DRM license service) saw of it
 */
public record SimulatedSession(
    SessionPlan plan,
    List<BeaconBatch> batches,
    SessionFacts intended,
    List<Incident> incidents,
    SessionDelivery delivery) {

  public SimulatedSession {
    batches = List.copyOf(batches);
    incidents = List.copyOf(incidents);
  }

  public List<BeaconEvent> beacons() {
    return batches.stream().flatMap(b -> b.beacons().stream()).toList();
  }

  public int beaconCount() {
    return batches.stream().mapToInt(b -> b.beacons().size()).sum();
  }
}
