package dev.openqoe.endtoend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.SessionFactsJson;
import dev.openqoe.simulator.SimulatedSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * Simulated sessions as the pipeline writes them to qoe.sessions.v1: each session's beacons run
 * through the session model in seq order as {@code qoe replay} and the sessionizer run them, with
 * what the collector adds from the request (the property of the ingest key, country and ASN of the
 * client address). Nothing goes through HTTP or Flink: the rows are what those would write.
 */
final class SimulatedSessionRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SimulatedSessionRows() {}

  /** One qoe.sessions.v1 row per session, of property {@code propertyId}. */
  static List<ObjectNode> of(List<SimulatedSession> sessions, String propertyId) {
    return sessions.stream().map(session -> row(session, propertyId)).toList();
  }

  private static ObjectNode row(SimulatedSession session, String propertyId) {
    SessionAccumulator model =
        new SessionAccumulator(
            session.plan().sessionId(), SessionAccumulator.DEFAULT_INACTIVITY_TIMEOUT);
    session.beacons().stream()
        .sorted(Comparator.comparingLong(BeaconEvent::seq))
        .forEach(model::offer);
    SessionFacts facts = model.close();
    try {
      ObjectNode row = (ObjectNode) JSON.readTree(SessionFactsJson.toJson(facts));
      row.put("property_id", propertyId);
      row.put("country", session.plan().network().country());
      row.put("asn", session.plan().network().asn());
      row.put("closed_at", facts.endedAt());
      return row;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
