package dev.openqoe.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.protocol.BeaconBatchScanner;
import dev.openqoe.protocol.BeaconParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanner that reads common batches straight from their bytes must give what Jackson's
 * streaming reader gives, and must leave to Jackson every body Jackson refuses: checked on
 * generated batches (field orders, value kinds, edge numbers, custom objects, whitespace) and on
 * the same batches mangled a few bytes at a time.
 */
class BeaconBodyReaderAgreementTest {

  private static final long SEED = 20261123L;
  private static final int BODIES = 20_000;

  private static final String[] NAMES = {
    "v", "session_id", "seq", "type", "ts", "bitrate_kbps", "playhead_ms", "error_code",
    "error_fatal", "error_category", "stream_type", "asset_id", "cdn", "custom", "sdk", "x"
  };
  private static final String[] VALUES = {
    "1",
    "0",
    "2",
    "5",
    "1700000000000",
    "2147483647",
    "2147483648",
    "9007199254740991",
    "9007199254740992",
    "999999999999999999",
    "253402300799999",
    "253402300800000",
    "true",
    "false",
    "null",
    "\"\"",
    "\"s\"",
    "\"bench-session-1\"",
    "\"heartbeat\"",
    "\"error\"",
    "\"bitrate_change\"",
    "\"play_request\"",
    "\"live\"",
    "\"business\"",
    "\"a b\"",
    "\"\u007f\"",
    "\"bad id!\"",
    "{}",
    "{\"tier\":\"gold\"}",
    "{\"k\":null,\"n\":3}",
    "{\"k\":\"a\",\"k\":\"b\"}"
  };
  private static final String[] INSERTS = {
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "0",
    "1",
    "-",
    ".",
    "e",
    "t",
    "n",
    " ",
    "\n",
    "\u00e9",
    "\u0001",
    "\u007f",
    "\"v\":1,"
  };

  private final BeaconBodyReader reader = new BeaconBodyReader(BeaconParser.lenientClock());
  private final BeaconBatchScanner scanner = new BeaconBatchScanner(BeaconParser.lenientClock());

  @Test
  void scannedBodiesReadAsJacksonReadsThem() {
    Random random = new Random(SEED);
    int scanned = 0;
    int scannedMangled = 0;
    for (int i = 0; i < BODIES; i++) {
      byte[] body = bytes(batch(random));
      boolean mangled = random.nextBoolean();
      if (mangled) {
        body = mangle(body, random);
      }
      if (scanner.scan(body) == null) {
        continue;
      }
      IngestItem.Body jackson = reader.readWithJackson(body);
      assertThat(jackson)
          .as("body %d (seed %d): %s", i, SEED, new String(body, StandardCharsets.UTF_8))
          .isInstanceOf(IngestItem.Body.Items.class)
          .isEqualTo(reader.read(body));
      scanned++;
      scannedMangled += mangled ? 1 : 0;
    }
    // Both paths must have been taken often, or the comparison says little.
    assertThat(scanned).isBetween(BODIES / 5, BODIES * 4 / 5);
    assertThat(scannedMangled).isGreaterThan(BODIES / 100);
  }

  @Test
  void theBenchmarksBatchIsScanned() {
    String event =
        "{\"v\":1,\"session_id\":\"bench-session-1\",\"seq\":1,\"type\":\"heartbeat\","
            + "\"ts\":1700000000000,\"playhead_ms\":1000,\"asset_id\":\"asset-1\","
            + "\"player_name\":\"bench\"}";
    List<BeaconBatchScanner.ScannedEvent> events =
        scanner.scan(bytes("{\"events\":[" + event + "," + event + "]}"));

    assertThat(events).hasSize(2);
  }

  private static String batch(Random random) {
    StringBuilder body = new StringBuilder("{").append(space(random)).append("\"events\":[");
    int events = random.nextInt(4);
    for (int e = 0; e < events; e++) {
      body.append(e == 0 ? "" : ",").append(space(random)).append('{');
      int fields = random.nextInt(9);
      for (int f = 0; f < fields; f++) {
        body.append(f == 0 ? "" : ",")
            .append(space(random))
            .append('"')
            .append(NAMES[random.nextInt(NAMES.length)])
            .append("\":")
            .append(space(random))
            .append(VALUES[random.nextInt(VALUES.length)]);
      }
      body.append(space(random)).append('}');
    }
    return body.append("]").append(space(random)).append('}').toString();
  }

  private static String space(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> " ";
      case 1 -> "\n\t";
      case 2 -> "\r\n ";
      default -> "";
    };
  }

  /** One to three edits: a byte removed, inserted or replaced, or the body cut short. */
  private static byte[] mangle(byte[] body, Random random) {
    byte[] mangled = body;
    for (int edits = 1 + random.nextInt(3); edits > 0 && mangled.length > 0; edits--) {
      int at = random.nextInt(mangled.length);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(mangled, 0, at);
      switch (random.nextInt(4)) {
        case 0 -> out.write(mangled, at + 1, mangled.length - at - 1);
        case 1 -> {
          out.writeBytes(bytes(INSERTS[random.nextInt(INSERTS.length)]));
          out.write(mangled, at, mangled.length - at);
        }
        case 2 -> {
          out.writeBytes(bytes(INSERTS[random.nextInt(INSERTS.length)]));
          out.write(mangled, at + 1, mangled.length - at - 1);
        }
        default -> {}
      }
      mangled = out.toByteArray();
    }
    return mangled;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
