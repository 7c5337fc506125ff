package dev.openqoe.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.PlaybackError;
import dev.openqoe.protocol.SessionDimensions;
import dev.openqoe.protocol.StreamType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpillCodecTest {

  @Test
  void roundTripsEveryFieldAndEveryNull() throws IOException {
    NumberedBeacon full =
        new NumberedBeacon(
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
                    Map.of("k1", "v1", "k2", "v2"))),
            9);
    NumberedBeacon bare = new NumberedBeacon(BeaconEvent.of("s", 0, EventType.END, 0), 10);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    SpillCodec.write(full, out);
    SpillCodec.write(bare, out);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));

    assertThat(SpillCodec.read(in, in.readLong())).isEqualTo(full);
    assertThat(SpillCodec.read(in, in.readLong())).isEqualTo(bare);
  }
}
