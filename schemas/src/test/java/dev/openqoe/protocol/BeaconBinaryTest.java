package dev.openqoe.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BeaconBinaryTest {

  private static final BeaconEvent FULL =
      new BeaconEvent(
          "s:1",
          42,
          EventType.ERROR,
          1_700_000_000_000L,
          6000,
          12_345L,
          new PlaybackError("E", true, ErrorCategory.BUSINESS),
          new SessionDimensions(
              "v",
              "a",
              StreamType.LIVE,
              "p",
              "1",
              "tv",
              "os",
              "app",
              "cdn",
              "drm",
              Map.of("k1", "v1", "k2", "v2")));

  private static final BeaconEvent CMCD =
      new BeaconEvent(
          "s:2",
          3_481_600_000_002_049L,
          EventType.CMCD,
          1_700_000_000_001L,
          800,
          null,
          null,
          null,
          new CmcdReport(CmcdReportMode.REQUEST, 4, "r", null, "br=800,sn=4,sta=r,v=2"));

  @Test
  void roundTripsEveryFieldAndEveryNull() throws IOException {
    BeaconEvent bare = BeaconEvent.of("s", 0, EventType.END, 0);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    BeaconBinary.writeEvent(FULL, out);
    BeaconBinary.writeEvent(bare, out);
    BeaconBinary.writeEvent(CMCD, out);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));

    assertThat(BeaconBinary.readEvent(in)).isEqualTo(FULL);
    assertThat(BeaconBinary.readEvent(in)).isEqualTo(bare);
    assertThat(BeaconBinary.readEvent(in)).isEqualTo(CMCD);
  }

  @Test
  void roundTripsIngestedBeaconsWithTheirReceipt() throws IOException {
    IngestedBeacon full =
        new IngestedBeacon(
            FULL,
            new Receipt(
                5L,
                "prop",
                IngestSource.CMCD,
                "10.1.2.0",
                "BR",
                "SP",
                28573L,
                "Chrome",
                "120",
                "Android",
                "14",
                "Pixel"));
    IngestedBeacon bare =
        new IngestedBeacon(
            BeaconEvent.of("s", 0, EventType.END, 0), Receipt.of(9L, "p", IngestSource.BEACON));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    BeaconBinary.writeIngested(full, out);
    BeaconBinary.writeIngested(bare, out);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));

    assertThat(BeaconBinary.readIngested(in)).isEqualTo(full);
    assertThat(BeaconBinary.readIngested(in)).isEqualTo(bare);
  }

  @Test
  void otherFormatVersionsAreRefusedWithAReason() {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(new byte[] {99}));

    assertThatThrownBy(() -> BeaconBinary.readIngested(in))
        .hasMessage("beacon written in binary format 99, this release reads 2");
  }
}
