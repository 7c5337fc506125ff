package dev.openqoe.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.SessionFactsJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One line of the ground truth: what a session should look like in dwd.sessions. */
public record SessionTruth(SimulatedSession session, Delivery delivery) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SessionFacts intended() {
    return session.intended();
  }

  /**
   * The session's facts with dwd.sessions' column names (those of {@code qoe replay}), then what
   * the collector derives from the request (country and asn, through GeoIP of client_address) and
   * what only the simulator knows (incidents, delivery).
   */
  public ObjectNode toJson() {
    try {
      ObjectNode json = (ObjectNode) JSON.readTree(SessionFactsJson.toJson(session.intended()));
      SessionPlan plan = session.plan();
      json.put("country", plan.network().country());
      json.put("asn", plan.network().asn());
      json.put("client_address", plan.clientAddress());
      ArrayNode incidents = json.putArray("incidents");
      session.incidents().forEach(incident -> incidents.add(incident.spec()));
      json.put("delivery", delivery.wireName());
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
