package dev.openqoe.warehouse.sql;

/**
 * What {@code qoe maintain} did to one table.
 *
 * @param dataFilesBefore live data files in the current snapshot before compaction
 * @param dataFilesAfter live data files in the current snapshot after it
 * @param filesRewritten small files compaction replaced
 * @param snapshotsExpired snapshots removed from the table's history
 * @param filesDeleted data, manifest and list files only the expired snapshots referenced
 */
public record MaintenanceResult(
    String table,
    int dataFilesBefore,
    int dataFilesAfter,
    int filesRewritten,
    int snapshotsBefore,
    int snapshotsExpired,
    int filesDeleted) {}
