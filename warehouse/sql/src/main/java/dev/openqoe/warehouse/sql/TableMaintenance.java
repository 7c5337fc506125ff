package dev.openqoe.warehouse.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFilesActionResult;
import org.apache.iceberg.flink.actions.Actions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;

/**
 * Keeps one table fast to read and bounded on disk: compacts the small files that streaming commits
 * leave (one per partition per checkpoint) and expires old snapshots, which deletes the files only
 * they referenced, the compacted small files among them.
 */
public final class TableMaintenance {

  private final Retention retention;
  private final Consumer<String> progress;

  public TableMaintenance(Retention retention, Consumer<String> progress) {
    this.retention = retention;
    this.progress = progress;
  }

  public MaintenanceResult maintain(String name, Table table) {
    table.refresh();
    Map<String, Integer> filesByPartition = liveDataFilesByPartition(table);
    int dataFilesBefore = filesByPartition.values().stream().mapToInt(Integer::intValue).sum();
    long partitionsToCompact =
        filesByPartition.values().stream().filter(files -> files > 1).count();
    int filesRewritten = 0;
    if (partitionsToCompact > 0) {
      progress.accept(
          String.format(
              "%s: compacting %d of %d partitions (%d data files)",
              name, partitionsToCompact, filesByPartition.size(), dataFilesBefore));
      RewriteDataFilesActionResult rewrite =
          Actions.forTable(batchEnvironment(), table).rewriteDataFiles().execute();
      filesRewritten = rewrite.deletedDataFiles().size();
      table.refresh();
    }
    int dataFilesAfter =
        liveDataFilesByPartition(table).values().stream().mapToInt(Integer::intValue).sum();

    int snapshotsBefore = Iterables.size(table.snapshots());
    AtomicInteger filesDeleted = new AtomicInteger();
    if (snapshotsBefore > retention.minSnapshots()) {
      progress.accept(name + ": expiring snapshots, " + snapshotsBefore + " in the history");
      table
          .expireSnapshots()
          .expireOlderThan(Instant.now().minus(retention.maxAge()).toEpochMilli())
          .retainLast(retention.minSnapshots())
          .deleteWith(
              location -> {
                table.io().deleteFile(location);
                filesDeleted.incrementAndGet();
              })
          .commit();
      table.refresh();
    }
    int snapshotsExpired = snapshotsBefore - Iterables.size(table.snapshots());
    return new MaintenanceResult(
        name,
        dataFilesBefore,
        dataFilesAfter,
        filesRewritten,
        snapshotsBefore,
        snapshotsExpired,
        filesDeleted.get());
  }

  /** Data files of the current snapshot, counted per partition (compaction works within one). */
  private static Map<String, Integer> liveDataFilesByPartition(Table table) {
    Map<String, Integer> files = new HashMap<>();
    if (table.currentSnapshot() == null) {
      return files;
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        String partition =
            task.file().specId() + "/" + task.spec().partitionToPath(task.file().partition());
        files.merge(partition, 1, Integer::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static StreamExecutionEnvironment batchEnvironment() {
    Configuration configuration = new Configuration();
    configuration.setString("execution.runtime-mode", "batch");
    return StreamExecutionEnvironment.getExecutionEnvironment(configuration);
  }
}
