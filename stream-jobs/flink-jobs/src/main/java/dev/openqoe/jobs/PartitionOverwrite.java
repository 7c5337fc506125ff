package dev.openqoe.jobs;

import dev.openqoe.warehouse.WarehouseCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.io.TaskWriter;

/**
 * Replaces the range's partitions of one table in a single Iceberg commit: an overwrite by a row
 * filter on the partition column, which removes every data file of those partitions and adds the
 * new ones in one snapshot. Readers see either the old snapshot or the new one, never a mix; the
 * other partitions' data files are not touched.
 *
 * <p>An overwrite by filter, not {@code newReplacePartitions()}: a dynamic partition replacement
 * only replaces partitions it adds files to, so a partition that the backfill leaves empty would
 * keep its old rows. The commit also checks that nothing was added to or deleted from those
 * partitions since the backfill read them (the pipeline still writing into the range): it then
 * fails, and writes nothing.
 */
final class PartitionOverwrite {

  private static final long TARGET_FILE_BYTES = 128L << 20;

  private PartitionOverwrite() {}

  /**
   * Commits the plan's new rows in place of the range's partitions; returns the new snapshot id.
   */
  static long commit(WarehouseCatalog warehouse, BackfillPlan.TablePlan plan, BackfillRange range) {
    Table table = warehouse.load(plan.table().definition);
    List<DataFile> files = write(table, plan.table(), plan.allNewRows());
    Expression partitions =
        BackfillPlan.between(plan.table().timeColumn, range.startMillis(), range.endMillis());
    OverwriteFiles overwrite =
        table
            .newOverwrite()
            .overwriteByRowFilter(partitions)
            .conflictDetectionFilter(partitions)
            .validateNoConflictingData()
            .validateNoConflictingDeletes()
            .validateAddedFilesMatchOverwriteFilter();
    if (plan.readAt() != null) {
      overwrite.validateFromSnapshot(plan.readAt().snapshotId());
    }
    files.forEach(overwrite::addFile);
    overwrite.commit();
    return table.currentSnapshot().snapshotId();
  }

  private static List<DataFile> write(Table table, BackfillTable layout, List<RowData> rows) {
    FileFormat format =
        FileFormat.fromString(
            table
                .properties()
                .getOrDefault(
                    TableProperties.DEFAULT_FILE_FORMAT,
                    TableProperties.DEFAULT_FILE_FORMAT_DEFAULT));
    RowDataTaskWriterFactory factory =
        new RowDataTaskWriterFactory(
            table,
            layout.layout.rowType(),
            TARGET_FILE_BYTES,
            format,
            table.properties(),
            List.of(),
            false);
    factory.initialize(0, 0);
    TaskWriter<RowData> writer = factory.create();
    try {
      for (RowData row : rows) {
        writer.write(row);
      }
      return List.of(writer.dataFiles());
    } catch (IOException e) {
      try {
        writer.abort();
      } catch (IOException abort) {
        e.addSuppressed(abort);
      }
      throw new UncheckedIOException("writing " + layout.tableName() + " failed", e);
    }
  }
}
