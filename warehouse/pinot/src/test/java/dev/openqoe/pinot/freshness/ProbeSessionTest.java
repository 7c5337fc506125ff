package dev.openqoe.pinot.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.ParseResult;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.StartupOutcome;
import org.junit.jupiter.api.Test;

class ProbeSessionTest {

  @Test
  void theProbeIsAValidSessionThatStartsAndEndsAtItsEndTime() throws Exception {
    JsonNode events =
        new ObjectMapper()
            .readTree(new ProbeSession("probe-1", 1_800_000_000_000L).beaconsJson())
            .get("events");
    SessionAccumulator session =
        new SessionAccumulator(
            "probe-1",
            SessionAccumulator.DEFAULT_INACTIVITY_TIMEOUT,
            SessionAccumulator.DEFAULT_INTERVAL);
    for (JsonNode event : events) {
      ParseResult result = BeaconParser.lenientClock().parse(event);
      assertThat(result).isInstanceOf(ParseResult.Valid.class);
      session.offer(((ParseResult.Valid) result).event());
    }

    assertThat(session.isClosed()).isTrue();
    SessionFacts facts = session.close();
    assertThat(facts.startupOutcome()).isEqualTo(StartupOutcome.STARTED);
    assertThat(facts.endedAt()).isEqualTo(1_800_000_000_000L);
    assertThat(facts.dimensions().playerName()).isEqualTo(ProbeSession.PLAYER);
    assertThat(session.drainIntervals()).isNotEmpty();
  }
}
