package dev.openqoe.browser;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.session.BeaconVerdict;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the stream jobs make of a run's stored beacons: applied in seq order (the sessionizer's
 * order once its reorder bound has passed) by the session model, then closed.
 *
 * @param verdicts how many beacons got each verdict other than applied
 */
record ComputedSession(SessionFacts facts, Map<BeaconVerdict, Integer> verdicts) {

  static ComputedSession of(String sessionId, List<IngestedBeacon> stored) {
    SessionAccumulator session =
        new SessionAccumulator(sessionId, SessionAccumulator.DEFAULT_INACTIVITY_TIMEOUT);
    Map<BeaconVerdict, Integer> verdicts = new TreeMap<>();
    stored.stream()
        .map(IngestedBeacon::event)
        .sorted(Comparator.comparingLong(BeaconEvent::seq))
        .map(session::offer)
        .filter(verdict -> !verdict.applied())
        .forEach(verdict -> verdicts.merge(verdict, 1, Integer::sum));
    return new ComputedSession(session.close(), verdicts);
  }

  /** One line for logs: the facts a reader compares with the page's. */
  String summary() {
    return String.format(
        Locale.ROOT,
        "vst %s ms, rebuffers %d (%d ms), seeks %d, play %d ms, avg bitrate %s kbps (%d switches),"
            + " ended by %s, not applied %s",
        facts.vstMs(),
        facts.rebufferCount(),
        facts.rebufferMs(),
        facts.seekCount(),
        facts.playMs(),
        facts.avgBitrateKbps() == null ? "-" : Math.round(facts.avgBitrateKbps()),
        facts.bitrateSwitches(),
        facts.endedBy().wireName(),
        verdicts);
  }
}
