package dev.openqoe.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.TypeUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseCatalogTest {

  @TempDir Path dataDir;

  @Test
  void createsEveryTableOnceAndReopensThem() {
    WarehouseConfig config = WarehouseConfig.embedded(dataDir);
    try (WarehouseCatalog warehouse = WarehouseCatalog.openWithTables(config)) {
      warehouse.ensureTables(); // idempotent
      for (TableDefinition table : QoeTables.ALL) {
        Table created = warehouse.load(table);
        // The catalog renumbers field ids; names, types and order must be ours.
        assertThat(TypeUtil.reassignIds(table.schema(), created.schema()).asStruct())
            .isEqualTo(created.schema().asStruct());
        assertThat(created.spec().fields()).hasSameSizeAs(table.spec().fields());
      }
    }
    try (WarehouseCatalog reopened = WarehouseCatalog.open(config)) {
      assertThat(reopened.catalog().tableExists(TableIdentifier.of("dwd", "sessions"))).isTrue();
    }
    assertThat(dataDir.resolve("warehouse/catalog.db")).exists();
  }

  @Test
  void appendsTheColumnsOfANewerReleaseToAnExistingTable() {
    WarehouseConfig config = WarehouseConfig.embedded(dataDir);
    try (WarehouseCatalog warehouse = WarehouseCatalog.openWithTables(config)) {
      Table beacons = warehouse.load(QoeTables.ODS_BEACONS);
      // The table as the release before the cmcd_* columns created it.
      var before = beacons.updateSchema();
      for (String column : List.of("cmcd_mode", "cmcd_sn", "cmcd_sta", "cmcd_e", "cmcd_report")) {
        before.deleteColumn(column);
      }
      before.commit();

      warehouse.ensureTables();

      Table evolved = warehouse.load(QoeTables.ODS_BEACONS);
      assertThat(TypeUtil.reassignIds(QoeTables.ODS_BEACONS.schema(), evolved.schema()).asStruct())
          .isEqualTo(evolved.schema().asStruct());
    }
  }

  @Test
  void environmentOverridesTheEmbeddedDefaults() {
    WarehouseConfig config =
        WarehouseConfig.fromEnvironment(
            Map.of(
                "QOE_CATALOG_TYPE", "rest",
                "QOE_CATALOG_URI", "http://127.0.0.1:8181",
                "QOE_WAREHOUSE", "s3://qoe/warehouse",
                "QOE_CATALOG_PROP_s3_endpoint", "http://127.0.0.1:9000"),
            dataDir);

    assertThat(config.catalogProperties())
        .containsEntry("type", "rest")
        .containsEntry("uri", "http://127.0.0.1:8181")
        .containsEntry("warehouse", "s3://qoe/warehouse")
        .containsEntry("s3.endpoint", "http://127.0.0.1:9000")
        .doesNotContainKey("jdbc.journal_mode");
    assertThat(config.flinkCreateCatalogStatement())
        .startsWith("CREATE CATALOG `qoe` WITH (")
        .contains("'catalog-type' = 'rest'")
        .doesNotContain("'type' = 'rest'");
  }

  @Test
  void sqliteGetsWalAndABusyTimeout() {
    assertThat(WarehouseConfig.embedded(dataDir).catalogProperties())
        .containsEntry("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
        .containsEntry("jdbc.journal_mode", "WAL")
        .containsEntry("jdbc.busy_timeout", "30000");
  }

  @Test
  void unknownCatalogTypeIsAClearError() {
    assertThatThrownBy(() -> WarehouseConfig.of("qoe", "hive", "thrift://x", "/tmp/w"))
        .hasMessageContaining("catalog type must be jdbc or rest, got 'hive'");
  }
}
