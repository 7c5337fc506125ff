package dev.openqoe.ingest.cmcd;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last player state ({@code sta}) and bitrate ({@code br}) seen per CMCD session. CMCD reports
 * states, protocol v1 reports transitions: turning {@code sta=p} into first_frame, resume,
 * rebuffer_end or seek_end needs the state before it. Event-mode and request-mode reports of one
 * session share the entry, so a change seen in both is reported once. Bounded (least recently used
 * sessions are forgotten) and per process: behind a load balancer, route by session so one
 * session's reports reach one collector.
 */
public final class CmcdPlayStates {

  /** What is known about a session before a report; both parts may be null. */
  public record Last(String state, Long bitrateKbps) {
    static final Last NONE = new Last(null, null);
  }

  private final Map<String, Last> sessions;

  public CmcdPlayStates(int capacity) {
    this.sessions =
        new LinkedHashMap<>(1024, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Last> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Records the report's state and bitrate (when present) and returns what was known before. */
  public synchronized Last update(String sessionId, String state, Long bitrateKbps) {
    Last before = sessions.getOrDefault(sessionId, Last.NONE);
    sessions.put(
        sessionId,
        new Last(
            state != null ? state : before.state(),
            bitrateKbps != null ? bitrateKbps : before.bitrateKbps()));
    return before;
  }
}
