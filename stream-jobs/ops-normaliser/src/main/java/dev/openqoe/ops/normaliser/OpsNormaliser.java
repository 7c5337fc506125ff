package dev.openqoe.ops.normaliser;

import dev.openqoe.delivery.HealthSlice;
import dev.openqoe.delivery.OpsInput;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.ops.OpsRejected;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The delivery-chain normaliser's topology: each raw topic's records are read in their format
 * (stream-jobs/delivery-chain) into canonical events on qoe.ops.events.v1, keyed by their {@link
 * HealthSlice}, and what cannot be read goes to qoe.ops.dlq with the reason and the raw text. Every
 * processor has a fixed name, so a changed topology keeps its state and offsets.
 */
public final class OpsNormaliser {

  private OpsNormaliser() {}

  public static void buildTopology(StreamsBuilder builder) {
    for (RawFormat raw : RawFormat.ALL) {
      normalise(builder, raw);
    }
  }

  private static void normalise(StreamsBuilder builder, RawFormat raw) {
    String name = raw.format();
    KStream<String, OpsInput> read =
        builder.stream(
                raw.topic().name(),
                Consumed.with(raw.topic().keySerde(), raw.topic().valueSerde())
                    .withName(name + "-source"))
            .flatMapValues(raw::read, Named.as(name + "-read"));
    Map<String, KStream<String, OpsInput>> branches =
        read.split(Named.as(name + "-"))
            .branch((key, input) -> input instanceof OpsInput.Valid, Branched.as("valid"))
            .defaultBranch(Branched.as("invalid"));
    branches
        .get(name + "-valid")
        .map(
            (key, input) -> {
              var event = ((OpsInput.Valid) input).event();
              return KeyValue.pair(HealthSlice.of(event), event);
            },
            Named.as(name + "-key-by-slice"))
        .to(
            QoeTopics.OPS_EVENTS.name(),
            Produced.with(QoeTopics.OPS_EVENTS.keySerde(), QoeTopics.OPS_EVENTS.valueSerde())
                .withName(name + "-events"));
    branches
        .get(name + "-invalid")
        .processValues(() -> new Rejection(name), Named.as(name + "-rejection"))
        .selectKey((key, rejected) -> name, Named.as(name + "-key-by-format"))
        .to(
            QoeTopics.OPS_DLQ.name(),
            Produced.with(QoeTopics.OPS_DLQ.keySerde(), QoeTopics.OPS_DLQ.valueSerde())
                .withName(name + "-dlq"));
  }

  /** A refusal as the DLQ keeps it, stamped with the raw record's timestamp. */
  private static final class Rejection implements FixedKeyProcessor<String, OpsInput, OpsRejected> {

    private final String format;
    private FixedKeyProcessorContext<String, OpsRejected> context;

    Rejection(String format) {
      this.format = format;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, OpsRejected> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, OpsInput> record) {
      OpsInput.Invalid invalid = (OpsInput.Invalid) record.value();
      context.forward(
          record.withValue(
              new OpsRejected(format, invalid.raw(), invalid.reason(), record.timestamp())));
    }
  }
}
