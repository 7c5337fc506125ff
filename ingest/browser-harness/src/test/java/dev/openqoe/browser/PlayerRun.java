package dev.openqoe.browser;

import dev.openqoe.browser.TestOrigin.OriginRequest;
import dev.openqoe.protocol.IngestedBeacon;
import java.util.List;

/**
 * Everything one run of a real player left behind: what the page measured, the CMCD requests that
 * reached the collector (in arrival order, with its answers), the beacons it stored on {@code
 * qoe.beacons.v1} for the run's session, and the origin's requests. Tests of the session model
 * compare the session computed from {@link #storedBeacons()} with {@link #page()}.
 */
public record PlayerRun(
    Player player,
    CmcdMode mode,
    String sessionId,
    PageMeasurements page,
    List<CapturedCmcdRequest> cmcdRequests,
    List<IngestedBeacon> storedBeacons,
    List<OriginRequest> originRequests) {

  /** The fixture name: {@code <player>-<mode>}. */
  public String name() {
    return player.pageName() + "-" + mode.pageName();
  }
}
