package dev.openqoe.drillbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.pinot.PinotTable;
import org.junit.jupiter.api.Test;

class OfflineTablesTest {

  @Test
  void theOfflineTablesKeepTheShippedDesignWithoutTheStreamParts() {
    for (PinotTable table : PinotTable.SESSION_TABLES) {
      ObjectNode shipped = table.tableConfig("127.0.0.1:9092");
      ObjectNode offline = OfflineTables.offlineConfig(table);

      assertThat(offline.path("tableName").asText()).isEqualTo(table.tableName());
      assertThat(offline.path("tableType").asText()).isEqualTo("OFFLINE");
      assertThat(offline.path("tableIndexConfig")).isEqualTo(shipped.path("tableIndexConfig"));
      assertThat(offline.path("segmentsConfig").path("timeColumnName"))
          .isEqualTo(shipped.path("segmentsConfig").path("timeColumnName"));
      assertThat(offline.toString())
          .doesNotContain("stream.kafka", "dedupConfig", "upsertConfig", "routing");
    }
  }
}
