package dev.openqoe.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.warehouse.WarehouseConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrinoCatalogTest {

  @Test
  void theEmbeddedWarehouseIsReadThroughItsSqliteCatalogUnderTheWritersCatalogName() {
    Map<String, String> catalog =
        TrinoCatalog.properties(WarehouseConfig.embedded(Path.of("/srv/qoe/data")));

    assertThat(catalog)
        .containsEntry("connector.name", "iceberg")
        .containsEntry("iceberg.catalog.type", "jdbc")
        .containsEntry("iceberg.jdbc-catalog.catalog-name", "qoe")
        .containsEntry("iceberg.jdbc-catalog.driver-class", "org.sqlite.JDBC")
        .containsEntry(
            "iceberg.jdbc-catalog.connection-url", "jdbc:sqlite:/srv/qoe/data/warehouse/catalog.db")
        .containsEntry(
            "iceberg.jdbc-catalog.default-warehouse-dir", "file:///srv/qoe/data/warehouse")
        .containsEntry("iceberg.jdbc-catalog.schema-version", "V1")
        .containsEntry("fs.native-local.enabled", "true")
        .containsEntry("local.location", "/")
        .doesNotContainKey("iceberg.jdbc-catalog.connection-user");
  }

  @Test
  void aPostgresqlCatalogFromTheEnvironmentKeepsItsNameAndCredentials() {
    WarehouseConfig warehouse =
        WarehouseConfig.fromEnvironment(
            Map.of(
                "QOE_CATALOG_NAME", "prod",
                "QOE_CATALOG_URI", "jdbc:postgresql://db:5432/iceberg",
                "QOE_CATALOG_USER", "qoe",
                "QOE_CATALOG_PASSWORD", "secret",
                "QOE_WAREHOUSE", "file:///mnt/warehouse"),
            Path.of("/data"));

    assertThat(TrinoCatalog.properties(warehouse))
        .containsEntry("iceberg.jdbc-catalog.catalog-name", "prod")
        .containsEntry("iceberg.jdbc-catalog.driver-class", "org.postgresql.Driver")
        .containsEntry("iceberg.jdbc-catalog.connection-user", "qoe")
        .containsEntry("iceberg.jdbc-catalog.connection-password", "secret")
        .containsEntry("iceberg.jdbc-catalog.default-warehouse-dir", "file:///mnt/warehouse");
  }

  @Test
  void aRestCatalogIsNamedByItsUri() {
    WarehouseConfig warehouse =
        WarehouseConfig.of("qoe", "rest", "http://127.0.0.1:8181", "file:///mnt/warehouse");

    assertThat(TrinoCatalog.properties(warehouse))
        .containsEntry("iceberg.catalog.type", "rest")
        .containsEntry("iceberg.rest-catalog.uri", "http://127.0.0.1:8181")
        .doesNotContainKey("iceberg.jdbc-catalog.catalog-name");
  }

  @Test
  void tablesOnS3OrAnotherDatabaseAreRefusedWithWhatToDoInstead() {
    assertThatThrownBy(
            () ->
                TrinoCatalog.properties(
                    WarehouseConfig.of(
                        "qoe", "jdbc", "jdbc:postgresql://db/iceberg", "s3://bucket/warehouse")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3://bucket/warehouse")
        .hasMessageContaining("docker/trino/catalog/qoe.properties");
    assertThatThrownBy(
            () ->
                TrinoCatalog.properties(
                    WarehouseConfig.of("qoe", "jdbc", "jdbc:mysql://db/iceberg", "/mnt/w")))
        .hasMessageContaining("jdbc:mysql://db/iceberg");
  }
}
