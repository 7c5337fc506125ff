package dev.openqoe.warehouse.sql;

import dev.openqoe.cli.DurationConverter;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.TableDefinition;
import dev.openqoe.warehouse.WarehouseCatalog;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code qoe maintain}: compaction and snapshot expiry over the warehouse tables. */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    version = "qoe maintain 0.1.0",
    description = {
      "Compacts small data files and expires old snapshots (deleting the files only they"
          + " referenced) in every warehouse table, or in the one given with --table."
    })
final class MaintainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin WarehouseOptions warehouse;

  @Option(
      names = "--table",
      paramLabel = "NAMESPACE.NAME",
      description = "Only this table, e.g. dwd.sessions.")
  String table;

  @Option(
      names = "--expire-older-than",
      paramLabel = "AGE",
      defaultValue = "7d",
      converter = DurationConverter.class,
      description = "Expire snapshots older than this: 7d, 12h, 30m (default: ${DEFAULT-VALUE}).")
  Duration expireOlderThan;

  @Option(
      names = "--retain-last",
      paramLabel = "N",
      defaultValue = "10",
      description = "Always keep the N most recent snapshots (default: ${DEFAULT-VALUE}).")
  int retainLast;

  @Override
  public Integer call() {
    Retention retention;
    try {
      retention = new Retention(expireOlderThan, retainLast);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    List<TableDefinition> tables = selectedTables();
    PrintWriter out = spec.commandLine().getOut();
    TableMaintenance maintenance =
        new TableMaintenance(
            retention,
            message -> {
              out.println(message);
              out.flush();
            });
    try (WarehouseCatalog catalog = WarehouseCatalog.open(warehouse.config())) {
      for (TableDefinition definition : tables) {
        if (!catalog.catalog().tableExists(definition.id())) {
          out.printf("%s: no such table yet, skipped%n", definition.name());
          continue;
        }
        MaintenanceResult result =
            maintenance.maintain(definition.name(), catalog.load(definition));
        out.printf(
            "%s: data files %d -> %d (%d compacted), snapshots %d -> %d (%d expired, %d files"
                + " deleted)%n",
            result.table(),
            result.dataFilesBefore(),
            result.dataFilesAfter(),
            result.filesRewritten(),
            result.snapshotsBefore(),
            result.snapshotsBefore() - result.snapshotsExpired(),
            result.snapshotsExpired(),
            result.filesDeleted());
        out.flush();
      }
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("qoe maintain: " + SqlErrorMessage.of(e));
      return 1;
    }
    return 0;
  }

  private List<TableDefinition> selectedTables() {
    if (table == null) {
      return QoeTables.ALL;
    }
    return QoeTables.ALL.stream()
        .filter(definition -> definition.name().equals(table))
        .findFirst()
        .map(List::of)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "unknown table '"
                        + table
                        + "'; the warehouse tables are "
                        + String.join(
                            ", ", QoeTables.ALL.stream().map(TableDefinition::name).toList())));
  }
}
