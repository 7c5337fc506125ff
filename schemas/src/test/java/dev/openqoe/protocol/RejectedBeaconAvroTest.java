package dev.openqoe.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectedBeaconAvroTest {

  @Test
  void roundTripsARejectedEventOfABatch() {
    RejectedBeacon rejected =
        new RejectedBeacon(
            "{\"v\":1,\"ts\":\"soon\"}",
            "field 'ts': must be an integer",
            "ts",
            3,
            "demo",
            1_700_000_000_000L,
            IngestSource.BEACON,
            "2001:db8:1::",
            "Mozilla/5.0");

    assertThat(RejectedBeaconAvro.decode(RejectedBeaconAvro.encode(rejected))).isEqualTo(rejected);
  }

  @Test
  void roundTripsAWholeBodyRejectionWithoutFieldOrIndex() {
    RejectedBeacon rejected =
        new RejectedBeacon(
            "sid=", "not a CMCD payload", null, null, "demo", 5L, IngestSource.CMCD, null, null);

    assertThat(RejectedBeaconAvro.decode(RejectedBeaconAvro.encode(rejected))).isEqualTo(rejected);
  }
}
