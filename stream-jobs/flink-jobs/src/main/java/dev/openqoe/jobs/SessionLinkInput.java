package dev.openqoe.jobs;

import dev.openqoe.ops.OpsEvent;
import dev.openqoe.rootcause.SessionOutcome;

/**
 * One thing the session delivery linker learns about a session: exactly one of a delivery-chain
 * event linked to it, its closed facts, or the fatal error code its player reported.
 */
public record SessionLinkInput(
    String sessionId, OpsEvent event, SessionOutcome outcome, String fatalErrorCode) {

  static SessionLinkInput of(OpsEvent event) {
    return new SessionLinkInput(event.sessionId(), event, null, null);
  }

  static SessionLinkInput of(SessionOutcome outcome) {
    return new SessionLinkInput(outcome.sessionId(), null, outcome, null);
  }

  static SessionLinkInput fatalError(String sessionId, String code) {
    return new SessionLinkInput(sessionId, null, null, code);
  }
}
