package dev.openqoe.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BeaconAvroTest {

  private final BeaconAvro codec = new BeaconAvro();

  @Test
  void everyFieldSurvivesBinaryRoundTrip() {
    BeaconEvent event =
        new BeaconEvent(
            "s-1",
            7,
            EventType.ERROR,
            1_700_000_000_123L,
            4500,
            91_000L,
            new PlaybackError("DRM_LICENSE_DENIED", true, ErrorCategory.BUSINESS),
            new SessionDimensions(
                "viewer-9",
                "asset-3",
                StreamType.LIVE,
                "shaka",
                "4.7.1",
                "smart_tv",
                "Tizen",
                "2.3.0",
                "cdn-a",
                "widevine",
                Map.of("tier", "premium")));

    assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
  }

  @Test
  void minimalEventRoundTripsWithNullsKept() {
    BeaconEvent event = BeaconEvent.of("s-2", 0, EventType.PLAY_REQUEST, 1L);

    BeaconEvent decoded = codec.decode(codec.encode(event));

    assertThat(decoded).isEqualTo(event);
    assertThat(decoded.dimensions()).isEqualTo(SessionDimensions.NONE);
  }

  @Test
  void avroFieldsAreTheJsonWireNames() {
    assertThat(BeaconAvro.toRecord(BeaconEvent.of("s", 1, EventType.END, 2)).get("session_id"))
        .isEqualTo("s");
    assertThat(BeaconAvro.SCHEMA.getField("type").schema().getEnumSymbols())
        .containsExactly(
            java.util.Arrays.stream(EventType.values())
                .map(EventType::wireName)
                .toArray(String[]::new));
  }
}
