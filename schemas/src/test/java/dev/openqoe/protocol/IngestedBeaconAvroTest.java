package dev.openqoe.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestedBeaconAvroTest {

  @Test
  void roundTripsEveryBeaconAndReceiptField() {
    BeaconEvent event =
        BeaconEvent.of("sess-1", 7, EventType.ERROR, 1_700_000_000_000L)
            .withError(new PlaybackError("E42", true, ErrorCategory.BUSINESS))
            .withBitrate(3200)
            .withDimensions(
                new SessionDimensions(
                    "viewer",
                    "asset",
                    StreamType.LIVE,
                    "hls.js",
                    "1.5",
                    "desktop",
                    "Linux",
                    "2.0",
                    "cdn-a",
                    "widevine",
                    Map.of("team", "red")));
    Receipt receipt =
        new Receipt(
            1_700_000_000_500L,
            "demo",
            IngestSource.CMCD,
            "203.0.113.0",
            "DE",
            "BE",
            64496L,
            "Firefox",
            "128.0",
            "Ubuntu",
            null,
            "Other");
    IngestedBeacon beacon = new IngestedBeacon(event, receipt);

    assertThat(IngestedBeaconAvro.decode(IngestedBeaconAvro.encode(beacon))).isEqualTo(beacon);
  }

  @Test
  void roundTripsAMinimalBeacon() {
    IngestedBeacon beacon =
        new IngestedBeacon(
            BeaconEvent.of("s", 0, EventType.HEARTBEAT, 0),
            Receipt.of(1L, "p", IngestSource.BEACON));

    assertThat(IngestedBeaconAvro.decode(IngestedBeaconAvro.encode(beacon))).isEqualTo(beacon);
  }

  @Test
  void keepsTheBeaconFieldsOfProtocolV1FirstAndInTheirOrder() {
    // Both codecs read and write the beacon's fields by position.
    for (var field : BeaconAvro.SCHEMA.getFields()) {
      assertThat(IngestedBeaconAvro.SCHEMA.getField(field.name()))
          .as(field.name())
          .isNotNull()
          .satisfies(f -> assertThat(f.schema()).isEqualTo(field.schema()))
          .satisfies(f -> assertThat(f.pos()).isEqualTo(field.pos()));
    }
  }

  @Test
  void rejectsBytesThatAreNotAnIngestedBeacon() {
    assertThatThrownBy(() -> IngestedBeaconAvro.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ingested beacon");
  }
}
