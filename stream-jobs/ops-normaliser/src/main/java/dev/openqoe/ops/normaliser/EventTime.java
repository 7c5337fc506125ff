package dev.openqoe.ops.normaliser;

import dev.openqoe.ops.OpsEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/** Windows delivery-chain events by when they happened, not by when they reached Kafka. */
final class EventTime implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    return record.value() instanceof OpsEvent event ? event.eventTime() : record.timestamp();
  }
}
