package dev.openqoe.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IngestedBeaconEncoderTest {

  private static final AvroBinary GENERIC = new AvroBinary(IngestedBeaconAvro.SUBJECT);

  @Test
  void writesTheBytesOfTheGenericDatumWriter() {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      IngestedBeacon beacon = randomBeacon(random, i);

      assertThat(IngestedBeaconEncoder.encode(beacon))
          .as("beacon %d: %s", i, beacon)
          .isEqualTo(GENERIC.encode(IngestedBeaconAvro.toRecord(beacon)));
    }
  }

  @Test
  void coversEveryEnumConstant() {
    Random random = new Random(8);
    for (EventType type : EventType.values()) {
      for (IngestSource source : IngestSource.values()) {
        IngestedBeacon beacon =
            new IngestedBeacon(event("s", 1, type, 5, null), Receipt.of(6, "p", source));
        assertThat(IngestedBeaconEncoder.encode(beacon))
            .isEqualTo(GENERIC.encode(IngestedBeaconAvro.toRecord(beacon)));
      }
    }
    for (ErrorCategory category : ErrorCategory.values()) {
      for (StreamType stream : StreamType.values()) {
        IngestedBeacon beacon = randomBeacon(random, 1);
        BeaconEvent event =
            beacon
                .event()
                .withError(new PlaybackError("E", random.nextBoolean(), category))
                .withDimensions(dimensions(random, stream));
        IngestedBeacon withBoth = new IngestedBeacon(event, beacon.receipt());
        assertThat(IngestedBeaconEncoder.encode(withBoth))
            .isEqualTo(GENERIC.encode(IngestedBeaconAvro.toRecord(withBoth)));
      }
    }
  }

  @Test
  void aReceiptSharedByTheEventsOfARequestIsWrittenForEach() {
    Random random = new Random(9);
    Receipt shared =
        new Receipt(
            Long.MAX_VALUE,
            "prøperty-😀",
            IngestSource.CMCD,
            "2001:db8::",
            "JP",
            null,
            -1L,
            null,
            null,
            null,
            null,
            null);
    for (int i = 0; i < 50; i++) {
      BeaconEvent event = randomBeacon(random, i).event();
      Receipt receipt = i % 7 == 0 ? randomBeacon(random, i).receipt() : shared;
      IngestedBeacon beacon = new IngestedBeacon(event, receipt);
      assertThat(IngestedBeaconEncoder.encode(beacon))
          .as("beacon %d", i)
          .isEqualTo(GENERIC.encode(IngestedBeaconAvro.toRecord(beacon)));
    }
  }

  /** A bare beacon of {@code type}; a cmcd one gets a report, random when {@code random} is. */
  private static BeaconEvent event(
      String session, long seq, EventType type, long ts, Random random) {
    if (type != EventType.CMCD) {
      return BeaconEvent.of(session, seq, type, ts);
    }
    CmcdReportMode[] modes = CmcdReportMode.values();
    CmcdReport report =
        random == null
            ? new CmcdReport(CmcdReportMode.EVENT, 0, null, null, null)
            : new CmcdReport(
                modes[random.nextInt(modes.length)],
                random.nextInt(1_000),
                maybe(random, "p"),
                maybe(random, "ps"),
                maybe(random, "sn=1,sta=p,v=2"));
    return BeaconEvent.ofCmcd(session, seq, ts, report);
  }

  private static IngestedBeacon randomBeacon(Random random, int i) {
    EventType[] types = EventType.values();
    BeaconEvent event =
        event(
            "session-" + random.nextInt(1_000_000),
            random.nextInt(5_000),
            types[random.nextInt(types.length)],
            1_700_000_000_000L + random.nextInt(1_000_000_000),
            random);
    if (random.nextBoolean()) {
      event = event.withBitrate(random.nextInt(20_000));
    }
    if (random.nextInt(4) == 0) {
      ErrorCategory[] categories = ErrorCategory.values();
      event =
          event.withError(
              new PlaybackError(
                  "ERR_" + random.nextInt(100),
                  random.nextBoolean(),
                  categories[random.nextInt(categories.length)]));
    }
    StreamType[] streams = StreamType.values();
    event =
        event.withDimensions(
            dimensions(
                random, random.nextBoolean() ? null : streams[random.nextInt(streams.length)]));
    IngestSource[] sources = IngestSource.values();
    Receipt receipt =
        new Receipt(
            1_700_000_000_000L + i,
            "property-" + random.nextInt(3),
            sources[random.nextInt(sources.length)],
            maybe(random, "203.0.113.0"),
            maybe(random, "DE"),
            maybe(random, "BE"),
            random.nextBoolean() ? null : (long) random.nextInt(70_000),
            maybe(random, "Firefox"),
            maybe(random, "128.0"),
            maybe(random, "Ubuntu"),
            maybe(random, "24.04"),
            maybe(random, "Other"));
    return new IngestedBeacon(event, receipt);
  }

  private static SessionDimensions dimensions(Random random, StreamType stream) {
    Map<String, String> custom = null;
    if (random.nextBoolean()) {
      custom = new LinkedHashMap<>();
      for (int k = random.nextInt(4); k > 0; k--) {
        custom.put("k" + k, "välue " + random.nextInt(10));
      }
    }
    return new SessionDimensions(
        maybe(random, "viewer"),
        maybe(random, "asset-" + random.nextInt(9)),
        stream,
        maybe(random, "shaka-player"),
        maybe(random, "4.8.1"),
        maybe(random, "smart_tv"),
        maybe(random, "Tizen"),
        maybe(random, "2.1"),
        maybe(random, "cdn-b"),
        maybe(random, "widevine"),
        custom);
  }

  private static String maybe(Random random, String value) {
    return random.nextBoolean() ? value : null;
  }
}
