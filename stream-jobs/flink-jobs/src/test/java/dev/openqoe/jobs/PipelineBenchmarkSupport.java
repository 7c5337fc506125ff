package dev.openqoe.jobs;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.replay.GeneratedBeacons;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

/**
 * The parts of the sessionizer benchmark: one Kafka topic of generated beacons, and jobs over it
 * that each read every beacon and stop.
 */
public final class PipelineBenchmarkSupport implements AutoCloseable {

  private final EmbeddedKafka kafka;
  private final String topic;
  private final int beacons;

  private PipelineBenchmarkSupport(EmbeddedKafka kafka, String topic, int beacons) {
    this.kafka = kafka;
    this.topic = topic;
    this.beacons = beacons;
  }

  public static PipelineBenchmarkSupport start(int sessions) throws Exception {
    EmbeddedKafka kafka =
        EmbeddedKafka.on(Files.createTempDirectory("qoe-sessionizer-bench"), 0).start();
    String topic = "bench-beacons";
    kafka.createTopic(topic, 2);
    List<IngestedBeacon> beacons =
        PipelineHarness.ingested(
            GeneratedBeacons.ordered(GeneratedBeacons.sessions(sessions, 42)), 20);
    PipelineHarness.produce(kafka, topic, beacons);
    return new PipelineBenchmarkSupport(kafka, topic, beacons.size());
  }

  public int beacons() {
    return beacons;
  }

  /** Seconds for a job that only counts beacons per session: the engine's ceiling here. */
  public double keyedCountSeconds() throws Exception {
    return timed(
        input ->
            input
                .keyBy(b -> b.event().sessionId())
                .process(new CountPerSession(), Types.LONG)
                .name("Keyed count")
                .sinkTo(discard()));
  }

  /** Seconds for the sessionizer, its sessions, intervals and late beacons discarded. */
  public double sessionizerSeconds() throws Exception {
    return timed(
        input -> {
          SingleOutputStreamOperator<RowData> sessions =
              input
                  .keyBy(b -> b.event().sessionId())
                  .process(PipelineConfig.DEFAULTS.sessionizer(), WarehouseRows.SESSIONS.typeInfo())
                  .name("Sessionizer");
          sessions.sinkTo(discard());
          sessions.getSideOutput(SessionizerFunction.INTERVALS).sinkTo(discard());
          sessions.getSideOutput(SessionizerFunction.LATE).sinkTo(discard());
        });
  }

  /**
   * Serialized keyed state of the sessionizer divided by open sessions, each after a play request,
   * a first frame and a heartbeat, taken as a checkpoint would take it.
   */
  public double stateBytesPerOpenSession(int openSessions) throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, IngestedBeacon, RowData> harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            PipelineConfig.DEFAULTS.sessionizer(), b -> b.event().sessionId(), Types.STRING)) {
      List<List<String>> generated = GeneratedBeacons.sessions(openSessions, 7);
      long latest = 0;
      for (List<String> session : generated) {
        for (String line : session.subList(0, Math.min(3, session.size()))) {
          IngestedBeacon beacon = PipelineHarness.ingested(line, 0);
          latest = Math.max(latest, beacon.receipt().receivedAt());
          harness.processElement(new StreamRecord<>(beacon, beacon.receipt().receivedAt()));
        }
      }
      // Past the reorder bound, before the inactivity timeout: every session applied and open.
      harness.processWatermark(latest - Duration.ofHours(1).toMillis() + 10_000);
      OperatorSubtaskState snapshot = harness.snapshot(1, 1);
      long bytes = 0;
      for (var handle : snapshot.getManagedKeyedState()) {
        bytes += handle.getStateSize();
      }
      return (double) bytes / openSessions;
    }
  }

  private double timed(java.util.function.Consumer<DataStream<IngestedBeacon>> job)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    DataStream<IngestedBeacon> input =
        env.fromSource(
            KafkaBeaconSources.beacons(
                kafka.bootstrapServers(), topic, "bench-" + UUID.randomUUID(), true),
            QoePipeline.watermarks(PipelineConfig.DEFAULTS),
            "Kafka beacons");
    job.accept(input);
    long start = System.nanoTime();
    env.execute("sessionizer-benchmark");
    return (System.nanoTime() - start) / 1e9;
  }

  private static <T> org.apache.flink.api.connector.sink2.Sink<T> discard() {
    return context -> new DiscardingWriter<>();
  }

  @Override
  public void close() {
    kafka.stopAndDelete();
  }

  private static final class DiscardingWriter<T>
      implements org.apache.flink.api.connector.sink2.SinkWriter<T> {
    @Override
    public void write(T element, Context context) {}

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public void close() {}
  }

  private static final class CountPerSession
      extends KeyedProcessFunction<String, IngestedBeacon, Long> {
    private transient ValueState<Long> count;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(IngestedBeacon beacon, Context ctx, Collector<Long> out)
        throws Exception {
      Long seen = count.value();
      count.update(seen == null ? 1 : seen + 1);
    }
  }
}
