package dev.openqoe.browser;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.CmcdReportMode;
import dev.openqoe.protocol.IngestedBeacon;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How late request-mode CMCD can tell what the page saw: a state reaches the collector only with a
 * media request, timed by its arrival (the players put no {@code ts} on request-mode data).
 *
 * @param playRequestMillis from the play request to the first request-mode report
 * @param firstFrameMillis from the first frame to the first request-mode report saying playing
 *     ({@code sta=p}); negative when a player says so before the page sees the frame
 * @param afterLastRequestMillis from the last request-mode report to the end of playback
 */
record RequestModeLag(long playRequestMillis, long firstFrameMillis, long afterLastRequestMillis) {

  static RequestModeLag of(PageMeasurements page, List<IngestedBeacon> stored) {
    List<BeaconEvent> reports =
        stored.stream()
            .map(IngestedBeacon::event)
            .filter(event -> event.cmcd().mode() == CmcdReportMode.REQUEST)
            .sorted(Comparator.comparingLong(BeaconEvent::seq))
            .toList();
    if (reports.isEmpty()) {
      return new RequestModeLag(0, 0, 0);
    }
    long playingTold =
        reports.stream()
            .filter(event -> "p".equals(event.cmcd().state()))
            .mapToLong(BeaconEvent::ts)
            .findFirst()
            .orElse(page.playbackEnd());
    return new RequestModeLag(
        reports.get(0).ts() - page.playRequestedAt(),
        playingTold - page.firstFrameAt(),
        page.playbackEnd() - reports.get(reports.size() - 1).ts());
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "request mode told the play request %+d ms and the first frame %+d ms late, and played on"
            + " %d ms after the last media request",
        playRequestMillis,
        firstFrameMillis,
        afterLastRequestMillis);
  }
}
