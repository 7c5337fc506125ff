package dev.openqoe.warehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.WarehouseCatalog;
import dev.openqoe.warehouse.WarehouseConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qoe maintain} on a real table that streaming-like commits left in many small files. */
class MaintainCommandIT {

  @TempDir Path dataDir;

  @Test
  void compactsSmallFilesAndExpiresSnapshotsKeepingEveryRow() throws IOException {
    WarehouseConfig config = WarehouseConfig.embedded(dataDir);
    List<String> sessionIds = new ArrayList<>();
    try (WarehouseCatalog warehouse = WarehouseCatalog.openWithTables(config)) {
      Table sessions = warehouse.load(QoeTables.DWD_SESSIONS);
      // Six commits of a few sessions each, as six checkpoints of the sessionizer would leave.
      List<Record> all = SampleWarehouse.sessions();
      IntStream.range(0, 6)
          .forEach(
              commit -> {
                List<Record> batch = all.subList(commit * 2, Math.min(all.size(), commit * 2 + 2));
                IcebergRows.append(sessions, batch);
              });
      all.subList(0, 12).forEach(row -> sessionIds.add((String) row.getField("session_id")));
      assertThat(dataFiles(sessions)).isGreaterThanOrEqualTo(6);
    }

    QoeCli result =
        QoeCli.run(
            "maintain",
            "--data-dir",
            dataDir.toString(),
            "--table",
            "dwd.sessions",
            "--expire-older-than",
            "0s",
            "--retain-last",
            "1");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    try (WarehouseCatalog warehouse = WarehouseCatalog.open(config)) {
      Table sessions = warehouse.load(QoeTables.DWD_SESSIONS);
      // The twelve sessions all ended on one day, the table's partition: one file remains.
      assertThat(dataFiles(sessions)).isEqualTo(1);
      assertThat(Iterables.size(sessions.snapshots())).isEqualTo(1);
      List<String> idsAfter = new ArrayList<>();
      try (CloseableIterable<Record> rows = IcebergGenerics.read(sessions).build()) {
        rows.forEach(row -> idsAfter.add((String) row.getField("session_id")));
      }
      assertThat(idsAfter).containsExactlyInAnyOrderElementsOf(sessionIds);
    }
    assertThat(result.out())
        .contains("dwd.sessions: compacting")
        .containsPattern("dwd\\.sessions: data files \\d+ -> 1 \\(\\d+ compacted\\)")
        .contains("snapshots 7 -> 1 (6 expired");
  }

  @Test
  void keepsRecentSnapshotsAndVisitsEveryTableByDefault() {
    WarehouseConfig config = WarehouseConfig.embedded(dataDir);
    try (WarehouseCatalog warehouse = WarehouseCatalog.openWithTables(config)) {
      IcebergRows.append(warehouse.load(QoeTables.ODS_REJECTED), SampleWarehouse.rejectedBeacons());
      IcebergRows.append(warehouse.load(QoeTables.ODS_REJECTED), SampleWarehouse.rejectedBeacons());
    }

    QoeCli result = QoeCli.run("maintain", "--data-dir", dataDir.toString());

    assertThat(result.exitCode()).isZero();
    for (var table : QoeTables.ALL) {
      assertThat(result.out()).contains(table.name() + ": data files");
    }
    // Default retention (7 days, last 10) keeps the fresh snapshots, compaction adds one.
    assertThat(result.out())
        .contains(
            "ods.rejected_beacons: data files 2 -> 1 (2 compacted), snapshots 3 -> 3 (0 expired");
  }

  @Test
  void rejectsAnUnknownTableAndABadAgeWithExitCode2() {
    assertThat(
            QoeCli.run("maintain", "--data-dir", dataDir.toString(), "--table", "dws.nope")
                .exitCode())
        .isEqualTo(2);
    QoeCli badAge =
        QoeCli.run("maintain", "--data-dir", dataDir.toString(), "--expire-older-than", "a week");
    assertThat(badAge.exitCode()).isEqualTo(2);
    assertThat(badAge.err()).contains("is not a duration");
    assertThat(
            QoeCli.run("maintain", "--data-dir", dataDir.toString(), "--retain-last", "0")
                .exitCode())
        .isEqualTo(2);
  }

  private static int dataFiles(Table table) throws IOException {
    table.refresh();
    try (CloseableIterable<FileScanTask> files = table.newScan().planFiles()) {
      return Iterables.size(files);
    }
  }
}
