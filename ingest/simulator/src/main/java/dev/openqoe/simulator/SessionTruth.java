package dev.openqoe.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.SessionFactsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One line of the ground truth: what a session should look like in dwd.sessions. It keeps no
 * beacons, so a long real-time run holds a few hundred bytes per finished session.
 *
 * @param intended the session's facts, as scripted
 * @param incidents the incidents that hit it
 * @param failure why it failed technically and at which stage, or null when it did not
 * @param beacons how many beacons it was scripted with
 * @param deliveryChain its CDN requests and license request, by id, with what they show; null when
 *     the run left the delivery chain out
 */
public record SessionTruth(
    SessionPlan plan,
    SessionFacts intended,
    List<Incident> incidents,
    FailureCause failure,
    int beacons,
    Delivery delivery,
    DeliveryChainTruth deliveryChain) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SessionTruth {
    incidents = List.copyOf(incidents);
  }

  /**
   * @param withDeliveryChain whether the run emitted the session's delivery-chain records
   */
  static SessionTruth of(SimulatedSession session, Delivery delivery, boolean withDeliveryChain) {
    return new SessionTruth(
        session.plan(),
        session.intended(),
        session.incidents(),
        FailureCause.of(session),
        session.beaconCount(),
        delivery,
        withDeliveryChain ? DeliveryChainTruth.of(session.plan(), session.delivery()) : null);
  }

  /**
   * The session's facts with dwd.sessions' column names (those of {@code qoe replay}), then what
   * the collector derives from the request (country and asn, through GeoIP of client_address) and
   * what only the simulator knows (incidents, delivery, the stage a technical failure lies in, and
   * the session's records in the delivery chain).
   */
  public ObjectNode toJson() {
    try {
      ObjectNode json = (ObjectNode) JSON.readTree(SessionFactsJson.toJson(intended));
      json.put("country", plan.network().country());
      json.put("asn", plan.network().asn());
      json.put("client_address", plan.clientAddress());
      ArrayNode hits = json.putArray("incidents");
      incidents.forEach(incident -> hits.add(incident.spec()));
      json.put("delivery", delivery.wireName());
      json.put("failure_stage", failure == null ? null : failure.stage().wireName());
      json.put("failure_code", failure == null ? null : failure.code());
      if (deliveryChain != null) {
        json.set("delivery_chain", deliveryChain.toJson());
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
