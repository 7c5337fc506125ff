package dev.openqoe.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.process.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaMainIT {

  @Test
  void aBrokerInItsOwnJvmServesOurTopicsAndEndsWithClose(@TempDir Path dir) throws Exception {
    ProcessHandle broker;
    try (ChildJvm child = EmbeddedKafkaMain.startChild(dir.resolve("kafka"), List.of("-Xmx512m"))) {
      String bootstrap = EmbeddedKafkaMain.bootstrapServers(child);
      assertThat(bootstrap).startsWith("127.0.0.1:");
      broker = ProcessHandle.of(child.pid()).orElseThrow();
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        Set<String> topics = admin.listTopics().names().get();
        assertThat(topics)
            .containsAll(QoeTopics.ALL.stream().map(QoeTopic::name).collect(Collectors.toSet()));
      }
    }
    assertThat(broker.onExit().get().isAlive()).isFalse();
  }
}
