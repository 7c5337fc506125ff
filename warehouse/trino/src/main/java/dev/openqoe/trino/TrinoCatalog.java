package dev.openqoe.trino;

import dev.openqoe.warehouse.WarehouseConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Trino catalog {@code qoe}: Trino's Iceberg connector over the warehouse catalog every other
 * {@code qoe} command uses ({@link WarehouseConfig}, the QOE_CATALOG_* variables), with the
 * settings checked against Trino 476 (the compose deployment's docker/trino/catalog/qoe.properties
 * is the same over PostgreSQL and S3).
 */
public final class TrinoCatalog {

  private TrinoCatalog() {}

  /**
   * The catalog's properties file contents.
   *
   * @throws IllegalArgumentException when the warehouse is of a kind this launcher does not
   *     configure (tables on S3, a JDBC catalog on another database than SQLite or PostgreSQL)
   */
  public static Map<String, String> properties(WarehouseConfig warehouse) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("connector.name", "iceberg");
    if (warehouse.type().equals("rest")) {
      properties.put("iceberg.catalog.type", "rest");
      properties.put("iceberg.rest-catalog.uri", warehouse.uri());
    } else {
      properties.put("iceberg.catalog.type", "jdbc");
      // The writers' catalog name, not Trino's: under any other name Trino sees no tables.
      properties.put("iceberg.jdbc-catalog.catalog-name", warehouse.catalogName());
      properties.put("iceberg.jdbc-catalog.driver-class", driverClass(warehouse.uri()));
      properties.put("iceberg.jdbc-catalog.connection-url", warehouse.uri());
      Map<String, String> catalog = warehouse.catalogProperties();
      if (catalog.containsKey("jdbc.user")) {
        properties.put("iceberg.jdbc-catalog.connection-user", catalog.get("jdbc.user"));
      }
      if (catalog.containsKey("jdbc.password")) {
        properties.put("iceberg.jdbc-catalog.connection-password", catalog.get("jdbc.password"));
      }
      properties.put("iceberg.jdbc-catalog.default-warehouse-dir", warehouse.warehouse());
      // The layout of the catalog's own tables the writers create (WarehouseConfig: V1).
      properties.put(
          "iceberg.jdbc-catalog.schema-version", catalog.getOrDefault("jdbc.schema-version", "V1"));
    }
    if (!isLocal(warehouse.warehouse())) {
      throw new IllegalArgumentException(
          "qoe trino reads table files on this machine's file system; the warehouse is at "
              + warehouse.warehouse()
              + " (QOE_WAREHOUSE). For S3, run a Trino with the fs.native-s3 and s3.* settings of"
              + " docker/trino/catalog/qoe.properties");
    }
    // The table files are local: let Trino read file: locations, from the root down.
    properties.put("fs.native-local.enabled", "true");
    properties.put("local.location", "/");
    return properties;
  }

  private static String driverClass(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return "org.sqlite.JDBC";
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      // Trino's Iceberg plugin carries the PostgreSQL driver itself.
      return "org.postgresql.Driver";
    }
    throw new IllegalArgumentException(
        "qoe trino configures a JDBC catalog on SQLite or PostgreSQL; QOE_CATALOG_URI is "
            + jdbcUrl);
  }

  private static boolean isLocal(String location) {
    return location.startsWith("file:") || location.startsWith("/");
  }
}
