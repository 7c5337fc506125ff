package dev.openqoe.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.Receipt;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  @TempDir Path dataDir;

  @Test
  void keepsTopicsAndRecordsAcrossARestartOnTheSameDirectory() throws Exception {
    var beacon =
        new IngestedBeacon(
            BeaconEvent.of("sess-1", 1, EventType.PLAY_REQUEST, 1_000),
            Receipt.of(2_000, "demo", IngestSource.BEACON));
    try (EmbeddedKafka kafka = EmbeddedKafka.on(dataDir, 0).start()) {
      assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
      kafka.createTopics(QoeTopics.ALL);
      kafka.createTopics(QoeTopics.ALL);
      kafka.createTopic("scratch", 2);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        // createTopics returns once every partition has a leader: writable at once, no waiting.
        assertThat(admin.listTopics().names().get())
            .containsAll(QoeTopics.ALL.stream().map(QoeTopic::name).toList())
            .contains("scratch");
        assertThat(
                admin
                    .describeTopics(List.of("scratch"))
                    .allTopicNames()
                    .get()
                    .get("scratch")
                    .partitions())
            .allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
        assertThat(
                admin
                    .describeTopics(List.of(QoeTopics.BEACONS.name()))
                    .allTopicNames()
                    .get()
                    .get(QoeTopics.BEACONS.name())
                    .partitions())
            .hasSize(QoeTopics.BEACONS.partitions());
      }
      produce(kafka, beacon);

      kafka.stop();
      assertThat(kafka.isRunning()).isFalse();
      assertThat(accepts(kafka.bootstrapServers())).isFalse();

      kafka.start();
      assertThat(readBeacons(kafka)).containsExactly(beacon);
    }
  }

  private static void produce(EmbeddedKafka kafka, IngestedBeacon beacon) throws Exception {
    var topic = QoeTopics.BEACONS;
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), beacon.event().sessionId(), beacon)).get();
    }
  }

  private static List<IngestedBeacon> readBeacons(EmbeddedKafka kafka) {
    var topic = QoeTopics.BEACONS;
    List<IngestedBeacon> read = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "embedded-kafka-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> read.add(r.value()));
      }
    }
    return read;
  }

  private static boolean accepts(String hostPort) {
    String[] parts = hostPort.split(":");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
