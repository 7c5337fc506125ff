package dev.openqoe.ops.normaliser;

import dev.openqoe.delivery.CloudFrontRealtimeLog;
import dev.openqoe.delivery.HealthSlice;
import dev.openqoe.delivery.OpsInput;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.ops.OpsRejected;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
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
import org.apache.kafka.streams.state.Stores;

/**
 * The delivery-chain normaliser's topology: each raw topic's records are read in their format
 * (stream-jobs/delivery-chain) into canonical events on qoe.ops.events.v1, keyed by their {@link
 * HealthSlice}, and what cannot be read goes to qoe.ops.dlq with the reason and the raw text. Every
 * processor has a fixed name, so a changed topology keeps its state and offsets.
 */
public final class OpsNormaliser {

  /** Health is aggregated per minute of event time. */
  public static final Duration HEALTH_WINDOW = Duration.ofMinutes(1);

  /**
   * How long, by the wall clock, a minute's health waits for its stragglers after the minute ends
   * (or after its first event, when that came later): see {@link HealthPortions}.
   */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

  /** As the collector's max-future-skew: later event times are a broken clock. */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  private OpsNormaliser() {}

  /** With the default grace, and CloudFront real-time lines of every documented field. */
  public static void buildTopology(StreamsBuilder builder) {
    buildTopology(builder, DEFAULT_GRACE, CloudFrontRealtimeLog.documented());
  }

  /**
   * @param realtime the fields of CloudFront real-time log lines, as the real-time log
   *     configuration lists them
   */
  public static void buildTopology(
      StreamsBuilder builder, Duration grace, CloudFrontRealtimeLog realtime) {
    for (RawFormat raw : RawFormat.forEveryFeed(realtime)) {
      normalise(builder, raw);
    }
    health(builder, grace);
  }

  /**
   * Each slice's health per minute of event time ({@link HealthPortions}): usually one row per
   * slice and minute, and one more for each late portion.
   */
  private static void health(StreamsBuilder builder, Duration grace) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(HealthPortions.STORE),
            Serdes.String(),
            HealthPortion.serde()));
    builder.stream(
            QoeTopics.OPS_EVENTS.name(),
            Consumed.with(QoeTopics.OPS_EVENTS.keySerde(), QoeTopics.OPS_EVENTS.valueSerde())
                .withName("health-source"))
        .process(() -> new HealthPortions(grace), Named.as("health-portions"), HealthPortions.STORE)
        .to(
            QoeTopics.OPS_HEALTH.name(),
            Produced.with(QoeTopics.OPS_HEALTH.keySerde(), QoeTopics.OPS_HEALTH.valueSerde())
                .withName("health-sink"));
  }

  private static void normalise(StreamsBuilder builder, RawFormat raw) {
    String name = raw.format();
    KStream<String, OpsInput> read =
        builder.stream(
                raw.topic().name(),
                Consumed.with(raw.topic().keySerde(), raw.topic().valueSerde())
                    .withName(name + "-source"))
            .flatMapValues(raw::read, Named.as(name + "-read"))
            .processValues(FutureEvents::new, Named.as(name + "-future-check"));
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

  /**
   * Refuses events that claim to happen more than {@link #MAX_FUTURE_SKEW} after their record
   * reached Kafka: a broken clock, and a timestamp Kafka itself would refuse on the health topic
   * (which is timed by event time), stopping the application.
   */
  private static final class FutureEvents implements FixedKeyProcessor<String, OpsInput, OpsInput> {

    private FixedKeyProcessorContext<String, OpsInput> context;

    @Override
    public void init(FixedKeyProcessorContext<String, OpsInput> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, OpsInput> record) {
      if (record.value() instanceof OpsInput.Valid valid
          && valid.event().eventTime() > record.timestamp() + MAX_FUTURE_SKEW.toMillis()) {
        long ahead = valid.event().eventTime() - record.timestamp();
        context.forward(
            record.withValue(
                new OpsInput.Invalid(
                    valid.raw(),
                    "happens "
                        + Duration.ofMillis(ahead).toSeconds()
                        + " s after it reached Kafka (at most "
                        + MAX_FUTURE_SKEW.toSeconds()
                        + " s allowed): check the source's clock")));
      } else {
        context.forward(record);
      }
    }
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
