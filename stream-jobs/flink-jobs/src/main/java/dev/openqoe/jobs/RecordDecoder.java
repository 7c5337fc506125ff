package dev.openqoe.jobs;

import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a topic's records; a record that cannot be decoded is logged with its position and the
 * reason, counted in the source's metric {@value #UNDECODABLE_METRIC} (group {@code deserializer})
 * and skipped, so one corrupt record cannot stop the pipeline and none goes unnoticed. The record
 * itself stays in its topic for its retention.
 */
final class RecordDecoder<T> implements KafkaRecordDeserializationSchema<T> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);

  static final String UNDECODABLE_METRIC = "undecodableRecords";

  /** Reads a topic's static format on the task manager: the topic itself is not shipped. */
  private final SerializableFunction<ConsumerRecord<byte[], byte[]>, T> format;

  private final TypeInformation<T> type;

  private transient Counter undecodable;

  RecordDecoder(
      SerializableFunction<ConsumerRecord<byte[], byte[]>, T> format, TypeInformation<T> type) {
    this.format = format;
    this.type = type;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    undecodable = context.getMetricGroup().counter(UNDECODABLE_METRIC);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out)
      throws IOException {
    T value;
    try {
      value = format.apply(record);
    } catch (RuntimeException e) {
      LOG.warn(
          "skipping undecodable record at {}-{} offset {}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.toString());
      undecodable.inc();
      return;
    }
    // Outside the try: a failure of a chained operator downstream must fail the task, not
    // be mistaken for a bad record and skipped.
    out.collect(value);
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return type;
  }
}
