package dev.openqoe.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.browser.TestOrigin.OriginRequest;
import dev.openqoe.protocol.IngestedBeacon;
import java.util.List;

/**
 * Everything one SDK run left behind: what the page measured, the beacon requests that reached the
 * tap (with the answers), the beacons the collector stored on {@code qoe.beacons.v1} for the run's
 * session, and the origin's requests.
 *
 * @param pageAnswer run-player.mjs's answer as it came (for the failed-run files)
 */
public record SdkRun(
    SdkAdapter adapter,
    SdkScenario scenario,
    SdkPage page,
    JsonNode pageAnswer,
    List<BeaconRequest> beaconRequests,
    List<IngestedBeacon> storedBeacons,
    List<OriginRequest> originRequests) {

  /** {@code <adapter>-<scenario>}: the run's name in logs and files. */
  public String name() {
    return adapter.pageName() + "-" + scenario.pageName();
  }

  public String sessionId() {
    return page.sessionId();
  }
}
