package dev.openqoe.warehouse;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the Iceberg tables live. The embedded default is a JDBC catalog on a SQLite file under the
 * data directory; a cluster points the same code at PostgreSQL or an Iceberg REST catalog by
 * configuration alone (environment variables below, or {@link #of}).
 *
 * @param catalogName the name writers and readers both use: a Flink SQL catalog must carry the same
 *     name as the JDBC catalog that wrote the tables, or it sees nothing
 * @param type {@code jdbc} or {@code rest}
 * @param uri a JDBC URL ({@code jdbc:sqlite:...}, {@code jdbc:postgresql://...}) or the REST URL
 * @param warehouse the root location of table data (a path, {@code file:}, or {@code s3://...})
 * @param extra further Iceberg catalog properties (credentials, {@code io-impl}, S3 endpoint ...)
 */
public record WarehouseConfig(
    String catalogName, String type, String uri, String warehouse, Map<String, String> extra) {

  public static final String DEFAULT_CATALOG_NAME = "qoe";

  public WarehouseConfig {
    Objects.requireNonNull(catalogName, "catalogName");
    type = type.toLowerCase(Locale.ROOT);
    if (!type.equals("jdbc") && !type.equals("rest")) {
      throw new IllegalArgumentException(
          "catalog type must be jdbc or rest, got '" + type + "' (QOE_CATALOG_TYPE)");
    }
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(warehouse, "warehouse");
    extra = Map.copyOf(extra);
  }

  /** The embedded default: SQLite catalog and table files under {@code dataDir/warehouse}. */
  public static WarehouseConfig embedded(Path dataDir) {
    Path root = dataDir.toAbsolutePath().resolve("warehouse");
    return new WarehouseConfig(
        DEFAULT_CATALOG_NAME,
        "jdbc",
        "jdbc:sqlite:" + root.resolve("catalog.db"),
        root.toUri().toString(),
        Map.of());
  }

  /**
   * The embedded default, overridden by {@code QOE_CATALOG_NAME}, {@code QOE_CATALOG_TYPE}, {@code
   * QOE_CATALOG_URI}, {@code QOE_WAREHOUSE}, {@code QOE_CATALOG_USER}, {@code
   * QOE_CATALOG_PASSWORD}, and any {@code QOE_CATALOG_PROP_<key>} (dots written as _, e.g. {@code
   * QOE_CATALOG_PROP_s3_endpoint}).
   */
  public static WarehouseConfig fromEnvironment(Map<String, String> env, Path dataDir) {
    WarehouseConfig base = embedded(dataDir);
    Map<String, String> extra = new LinkedHashMap<>();
    if (env.containsKey("QOE_CATALOG_USER")) {
      extra.put("jdbc.user", env.get("QOE_CATALOG_USER"));
    }
    if (env.containsKey("QOE_CATALOG_PASSWORD")) {
      extra.put("jdbc.password", env.get("QOE_CATALOG_PASSWORD"));
    }
    env.forEach(
        (key, value) -> {
          if (key.startsWith("QOE_CATALOG_PROP_")) {
            extra.put(key.substring("QOE_CATALOG_PROP_".length()).replace('_', '.'), value);
          }
        });
    return new WarehouseConfig(
        env.getOrDefault("QOE_CATALOG_NAME", base.catalogName()),
        env.getOrDefault("QOE_CATALOG_TYPE", base.type()),
        env.getOrDefault("QOE_CATALOG_URI", base.uri()),
        env.getOrDefault("QOE_WAREHOUSE", base.warehouse()),
        extra);
  }

  public static WarehouseConfig of(String catalogName, String type, String uri, String warehouse) {
    return new WarehouseConfig(catalogName, type, uri, warehouse, Map.of());
  }

  public boolean isSqlite() {
    return uri.startsWith("jdbc:sqlite:");
  }

  /**
   * The Iceberg catalog properties, as both the Java API and Flink SQL's CREATE CATALOG take them.
   */
  public Map<String, String> catalogProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    if (type.equals("rest")) {
      props.put("type", "rest");
    } else {
      props.put("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
      props.put("jdbc.schema-version", "V1");
    }
    props.put("uri", uri);
    props.put("warehouse", warehouse);
    if (isSqlite()) {
      // Without WAL and a busy timeout, concurrent commits fail with SQLITE_BUSY.
      props.put("jdbc.journal_mode", "WAL");
      props.put("jdbc.busy_timeout", "30000");
      props.put("clients", "1");
    }
    props.putAll(extra);
    return props;
  }

  /**
   * The catalog's options as Iceberg's Flink catalog factory takes them: the WITH clause of {@link
   * #flinkCreateCatalogStatement()}, for code that creates the catalog without SQL.
   */
  public Map<String, String> flinkCatalogOptions() {
    Map<String, String> properties = new LinkedHashMap<>(catalogProperties());
    Map<String, String> options = new LinkedHashMap<>();
    options.put("type", "iceberg");
    // Iceberg's Flink factory owns 'type'; it takes the Iceberg catalog type as 'catalog-type'.
    if ("rest".equals(properties.remove("type"))) {
      options.put("catalog-type", "rest");
    }
    options.putAll(properties);
    return options;
  }

  /** A Flink SQL statement that registers this catalog under its name. */
  public String flinkCreateCatalogStatement() {
    StringBuilder ddl =
        new StringBuilder("CREATE CATALOG `").append(catalogName).append("` WITH (");
    String separator = "\n  ";
    for (Map.Entry<String, String> option : flinkCatalogOptions().entrySet()) {
      ddl.append(separator)
          .append('\'')
          .append(option.getKey())
          .append("' = '")
          .append(option.getValue().replace("'", "''"))
          .append('\'');
      separator = ",\n  ";
    }
    return ddl.append("\n)").toString();
  }
}
