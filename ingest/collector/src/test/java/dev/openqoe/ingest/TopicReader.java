package dev.openqoe.ingest;

import dev.openqoe.kafka.QoeTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;

/** Reads a topic from the beginning with a real consumer, decoding with the topic's serdes. */
public final class TopicReader<V> implements AutoCloseable {

  private final KafkaConsumer<String, V> consumer;
  private final List<ConsumerRecord<String, V>> read = new ArrayList<>();

  public TopicReader(String bootstrapServers, QoeTopic<String, V> topic) {
    consumer = topic.consumerFromStart(bootstrapServers);
  }

  /** Waits until {@code count} records match {@code filter} and returns them in partition order. */
  public List<ConsumerRecord<String, V>> await(
      int count, Predicate<ConsumerRecord<String, V>> filter) {
    List<ConsumerRecord<String, V>> matching = new ArrayList<>();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(200)).forEach(read::add);
              matching.clear();
              read.stream().filter(filter).forEach(matching::add);
              return matching.size() >= count;
            });
    return List.copyOf(matching);
  }

  /** Every record read so far that matches, after one more poll. */
  public List<ConsumerRecord<String, V>> readNow(Predicate<ConsumerRecord<String, V>> filter) {
    consumer.poll(Duration.ofMillis(500)).forEach(read::add);
    return read.stream().filter(filter).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
