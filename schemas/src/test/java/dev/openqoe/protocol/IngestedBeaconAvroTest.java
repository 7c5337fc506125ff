package dev.openqoe.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
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
  void roundTripsACmcdBeacon() {
    BeaconEvent event =
        BeaconEvent.ofCmcd(
                "s",
                3_481_600_000_002_049L,
                1_700_000_000_000L,
                new CmcdReport(CmcdReportMode.EVENT, 4, "f", "e", "e=e,sn=4,sta=f,v=2"))
            .withError(new PlaybackError("E1", true, ErrorCategory.TECHNICAL))
            .withBitrate(800);
    IngestedBeacon beacon = new IngestedBeacon(event, Receipt.of(1L, "p", IngestSource.CMCD));

    assertThat(IngestedBeaconAvro.decode(IngestedBeaconAvro.encode(beacon))).isEqualTo(beacon);
  }

  @Test
  void keepsTheBeaconFieldsOfProtocolV1FirstAndInTheirOrder() {
    // Both codecs read and write the beacon's fields up to custom by position, the rest by name.
    int custom = BeaconAvro.SCHEMA.getField("custom").pos();
    for (var field : BeaconAvro.SCHEMA.getFields()) {
      assertThat(IngestedBeaconAvro.SCHEMA.getField(field.name()))
          .as(field.name())
          .isNotNull()
          .satisfies(f -> assertThat(f.schema()).isEqualTo(field.schema()))
          .satisfies(
              f -> {
                if (field.pos() <= custom) {
                  assertThat(f.pos()).isEqualTo(field.pos());
                }
              });
    }
  }

  @Test
  void readsRecordsWrittenBeforeTheCmcdFieldsExisted() throws Exception {
    // What a collector of the previous release left on the topic must stay readable after an
    // upgrade.
    Schema v1 = AvroSchemas.versions(IngestedBeaconAvro.SUBJECT).get(0);
    GenericData.Record record = new GenericData.Record(v1);
    record.put("v", 1);
    record.put("session_id", "s");
    record.put("seq", 3L);
    record.put("type", new GenericData.EnumSymbol(v1.getField("type").schema(), "pause"));
    record.put("ts", 10L);
    record.put("received_at", 11L);
    record.put("property_id", "p");
    record.put("source", new GenericData.EnumSymbol(v1.getField("source").schema(), "beacon"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(v1).write(record, encoder);
    encoder.flush();

    assertThat(IngestedBeaconAvro.decode(bytes.toByteArray()))
        .isEqualTo(
            new IngestedBeacon(
                BeaconEvent.of("s", 3, EventType.PAUSE, 10),
                Receipt.of(11L, "p", IngestSource.BEACON)));
  }

  @Test
  void rejectsBytesThatAreNotAnIngestedBeacon() {
    assertThatThrownBy(() -> IngestedBeaconAvro.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ingested beacon");
  }
}
