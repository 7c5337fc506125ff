package dev.openqoe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.ParseResult;
import dev.openqoe.protocol.PlaybackError;
import dev.openqoe.protocol.SessionDimensions;
import dev.openqoe.protocol.StreamType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BeaconJsonTest {

  private static final BeaconParser PARSER = BeaconParser.lenientClock();

  @Test
  void everyFieldReadsBackAsWritten() {
    BeaconEvent full =
        new BeaconEvent(
            "s-1",
            7,
            EventType.ERROR,
            1_767_225_600_000L,
            4500,
            12_000L,
            new PlaybackError("GEO_BLOCKED", true, ErrorCategory.BUSINESS),
            new SessionDimensions(
                "viewer-1",
                "movie-42",
                StreamType.LIVE,
                "shaka-player",
                "4.12.1",
                "smart_tv",
                "Tizen",
                "tizen-2.4.0",
                "cloudfront",
                "playready",
                Map.of("ab", "b")));
    BeaconEvent bare = BeaconEvent.of("s-1", 8, EventType.HEARTBEAT, 1_767_225_610_000L);

    for (BeaconEvent beacon : List.of(full, bare)) {
      ParseResult parsed = PARSER.parse(BeaconJson.toJson(beacon));
      assertThat(parsed).isEqualTo(new ParseResult.Valid(beacon));
    }
  }

  @Test
  void aBatchIsAnEventsArray() throws Exception {
    BeaconEvent first = BeaconEvent.of("s-1", 0, EventType.PLAY_REQUEST, 1);
    BeaconEvent second = BeaconEvent.of("s-1", 1, EventType.FIRST_FRAME, 2).withBitrate(800);

    var events =
        new ObjectMapper().readTree(BeaconJson.batch(List.of(first, second))).get("events");

    assertThat(events).hasSize(2);
    assertThat(PARSER.parse(events.get(1))).isEqualTo(new ParseResult.Valid(second));
  }
}
