package dev.openqoe.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.flink.CatalogLoader;

/** Opens the configured Iceberg catalog and creates the warehouse tables that are missing. */
public final class WarehouseCatalog implements AutoCloseable {

  private final WarehouseConfig config;
  private final Catalog catalog;

  private WarehouseCatalog(WarehouseConfig config, Catalog catalog) {
    this.config = config;
    this.catalog = catalog;
  }

  public static WarehouseCatalog open(WarehouseConfig config) {
    createLocalDirectories(config);
    Catalog catalog =
        CatalogUtil.buildIcebergCatalog(
            config.catalogName(), config.catalogProperties(), new Configuration());
    return new WarehouseCatalog(config, catalog);
  }

  /** Opens the catalog and makes sure every table of {@link QoeTables#ALL} exists. */
  public static WarehouseCatalog openWithTables(WarehouseConfig config) {
    WarehouseCatalog warehouse = open(config);
    warehouse.ensureTables();
    return warehouse;
  }

  public Catalog catalog() {
    return catalog;
  }

  public WarehouseConfig config() {
    return config;
  }

  public Table load(TableDefinition table) {
    return catalog.loadTable(table.id());
  }

  /**
   * Creates missing namespaces and tables, and appends to existing tables the columns a newer
   * release added (new columns are optional and come last). Idempotent.
   */
  public void ensureTables() {
    for (TableDefinition table : QoeTables.ALL) {
      Namespace namespace = table.id().namespace();
      if (catalog instanceof SupportsNamespaces namespaces
          && !namespaces.namespaceExists(namespace)) {
        try {
          namespaces.createNamespace(namespace);
        } catch (AlreadyExistsException raced) {
          // another process created it between the check and the call
        }
      }
      if (catalog.tableExists(table.id())) {
        addMissingColumns(table);
      } else {
        try {
          catalog
              .buildTable(table.id(), table.schema())
              .withPartitionSpec(table.spec())
              .withProperty("comment", table.description())
              .withProperty("format-version", "2")
              .withProperty("write.parquet.compression-codec", "zstd")
              .create();
        } catch (AlreadyExistsException raced) {
          // another process created it between the check and the call
        }
      }
    }
  }

  private void addMissingColumns(TableDefinition definition) {
    Table table = catalog.loadTable(definition.id());
    boolean missing =
        definition.schema().columns().stream()
            .anyMatch(column -> table.schema().findField(column.name()) == null);
    if (missing) {
      table.updateSchema().unionByNameWith(definition.schema()).commit();
    }
  }

  /**
   * How Flink operators (which are serialized to task managers) open the same catalog. With SQLite,
   * all operators of a JVM share one connection (see {@link SharedCatalogLoader}).
   */
  public static CatalogLoader loader(WarehouseConfig config) {
    if (config.isSqlite()) {
      return new SharedCatalogLoader(config.catalogName(), config.catalogProperties());
    }
    return CatalogLoader.custom(
        config.catalogName(),
        config.catalogProperties(),
        new Configuration(),
        config.type().equals("rest")
            ? "org.apache.iceberg.rest.RESTCatalog"
            : "org.apache.iceberg.jdbc.JdbcCatalog");
  }

  @Override
  public void close() {
    if (catalog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close catalog " + config.catalogName(), e);
      }
    }
  }

  private static void createLocalDirectories(WarehouseConfig config) {
    try {
      if (config.isSqlite()) {
        Path db = Path.of(config.uri().substring("jdbc:sqlite:".length()));
        if (db.getParent() != null) {
          Files.createDirectories(db.getParent());
        }
      }
      if (config.warehouse().startsWith("file:")) {
        Files.createDirectories(Path.of(URI.create(config.warehouse())));
      } else if (config.warehouse().startsWith("/")) {
        Files.createDirectories(Path.of(config.warehouse()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the warehouse directories", e);
    }
  }
}
