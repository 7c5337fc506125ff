package dev.openqoe.jobs;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a topic's records; a record that cannot be decoded is logged with its position and
 * skipped, so one corrupt record cannot stop the pipeline.
 */
final class RecordDecoder<T> implements KafkaRecordDeserializationSchema<T> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);

  /** Reads a topic's static format on the task manager: the topic itself is not shipped. */
  private final SerializableFunction<ConsumerRecord<byte[], byte[]>, T> format;

  private final TypeInformation<T> type;

  RecordDecoder(
      SerializableFunction<ConsumerRecord<byte[], byte[]>, T> format, TypeInformation<T> type) {
    this.format = format;
    this.type = type;
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
