package dev.openqoe.ops.normaliser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.delivery.CloudFrontRealtimeLog;
import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsRejected;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * Every case of the bad-input corpus, each between two valid records of its feed, through one
 * normaliser: each is refused once to the DLQ with its reason, the valid records around it (and in
 * it) all become events, and the application goes on to the next case.
 */
class BadInputCorpusTest {

  private static final Instant RECEIVED = Instant.parse("2024-03-01T10:01:00Z");

  @Test
  void eachCaseIsRefusedWithItsReasonAndHidesNoValidRecord() {
    List<BadInputCorpus.Case> cases = BadInputCorpus.cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
    assertThat(cases)
        .extracting(c -> c.feed().name())
        .as("every feed has bad input")
        .containsAll(QoeTopics.OPS_FEEDS.stream().map(OpsFeed::name).toList());
    StreamsBuilder builder = new StreamsBuilder();
    OpsNormaliser.buildTopology(builder);
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bad-input-corpus");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
      TestOutputTopic<String, OpsEvent> events =
          driver.createOutputTopic(
              QoeTopics.OPS_EVENTS.name(),
              QoeTopics.OPS_EVENTS.keySerde().deserializer(),
              QoeTopics.OPS_EVENTS.valueSerde().deserializer());
      TestOutputTopic<String, OpsRejected> dlq =
          driver.createOutputTopic(
              QoeTopics.OPS_DLQ.name(),
              QoeTopics.OPS_DLQ.keySerde().deserializer(),
              QoeTopics.OPS_DLQ.valueSerde().deserializer());
      for (BadInputCorpus.Case bad : cases) {
        var input =
            driver.createInputTopic(
                bad.feed().topic().name(),
                bad.feed().topic().keySerde().serializer(),
                bad.feed().topic().valueSerde().serializer());
        byte[] valid = BadInputCorpus.valid(bad.feed());

        input.pipeInput("before", valid, RECEIVED);
        input.pipeInput("case", bad.record(), RECEIVED);
        input.pipeInput("after", valid, RECEIVED);

        List<OpsRejected> refused = dlq.readValuesToList();
        assertThat(refused).as(bad.file()).hasSize(1);
        assertThat(refused.get(0).reason()).as(bad.file()).contains(bad.reason());
        assertThat(refused.get(0).format())
            .as(bad.file())
            .isEqualTo(RawFormat.of(bad.feed(), CloudFrontRealtimeLog.documented()).format());
        assertThat(events.readValuesToList())
            .as(bad.file() + ": the valid records around it and in it")
            .hasSize(2 + bad.events());
      }
    }
  }
}
