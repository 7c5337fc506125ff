package dev.openqoe.warehouse.sql;

import dev.openqoe.warehouse.WarehouseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the warehouse is: the data directory, with catalog overrides from the environment. */
public final class WarehouseOptions {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:QOE_DATA_DIR:-data}",
      description = "Data directory (env QOE_DATA_DIR). Default: ${DEFAULT-VALUE}.")
  private Path dataDir;

  /**
   * The configured warehouse. An embedded one must exist already: opening a SQLite catalog that is
   * not there would create an empty warehouse, or fail with SQLite's "unable to open database".
   *
   * @throws IllegalStateException when the embedded catalog file does not exist
   */
  public WarehouseConfig config() {
    WarehouseConfig config = WarehouseConfig.fromEnvironment(System.getenv(), dataDir);
    if (config.isSqlite()) {
      Path catalog = Path.of(config.uri().substring("jdbc:sqlite:".length()));
      if (!Files.exists(catalog)) {
        throw new IllegalStateException(
            "no warehouse at "
                + catalog
                + ": nothing has written tables there yet; give the data directory with --data-dir"
                + " or QOE_DATA_DIR");
      }
    }
    return config;
  }
}
