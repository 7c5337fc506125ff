package dev.openqoe.warehouse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Gives every Flink operator of a JVM the same catalog connection. SQLite allows one writer at a
 * time and fails a commit with SQLITE_BUSY_SNAPSHOT when another connection wrote since this one
 * last read, which is what several Iceberg committers with a catalog each produce. Through one
 * shared catalog with a single pooled connection, commits simply take turns.
 */
final class SharedCatalogLoader implements CatalogLoader {

  private static final long serialVersionUID = 1L;
  private static final Map<Map<String, String>, Catalog> OPEN = new ConcurrentHashMap<>();

  private final String name;
  private final Map<String, String> properties;

  SharedCatalogLoader(String name, Map<String, String> properties) {
    this.name = name;
    this.properties = Map.copyOf(properties);
  }

  @Override
  public Catalog loadCatalog() {
    Catalog shared =
        OPEN.computeIfAbsent(
            properties, props -> CatalogUtil.buildIcebergCatalog(name, props, new Configuration()));
    return new Unclosable(shared);
  }

  @Override
  @SuppressWarnings("checkstyle:NoClone")
  public CatalogLoader clone() {
    return new SharedCatalogLoader(name, properties);
  }

  @Override
  public String toString() {
    return "shared catalog " + name + " at " + properties.get("uri");
  }

  /** The shared catalog, without the close() that a table loader would call on it. */
  private record Unclosable(Catalog delegate) implements Catalog {
    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public List<TableIdentifier> listTables(Namespace namespace) {
      return delegate.listTables(namespace);
    }

    @Override
    public boolean tableExists(TableIdentifier identifier) {
      return delegate.tableExists(identifier);
    }

    @Override
    public Table loadTable(TableIdentifier identifier) {
      return delegate.loadTable(identifier);
    }

    @Override
    public Table createTable(TableIdentifier identifier, Schema schema) {
      return delegate.createTable(identifier, schema);
    }

    @Override
    public boolean dropTable(TableIdentifier identifier, boolean purge) {
      return delegate.dropTable(identifier, purge);
    }

    @Override
    public void renameTable(TableIdentifier from, TableIdentifier to) {
      delegate.renameTable(from, to);
    }
  }
}
