package dev.openqoe.jobs;

import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.TableDefinition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.PartitionField;

/**
 * A table a backfill can rewrite: one the pipeline derives from raw beacons, partitioned by day or
 * hour of one timestamp column.
 */
enum BackfillTable {
  SESSIONS(QoeTables.DWD_SESSIONS, WarehouseRows.SESSIONS),
  INTERVALS(QoeTables.DWD_INTERVALS, WarehouseRows.INTERVALS),
  DWS_MINUTE(QoeTables.DWS_MINUTE, WarehouseRows.DWS_MINUTE),
  DWS_HOUR(QoeTables.DWS_HOUR, WarehouseRows.DWS_HOUR);

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH").withZone(ZoneOffset.UTC);

  final TableDefinition definition;
  final TableRow layout;

  /** The timestamp column the table is partitioned by. */
  final String timeColumn;

  private final boolean hourly;

  BackfillTable(TableDefinition definition, TableRow layout) {
    this.definition = definition;
    this.layout = layout;
    PartitionField field = definition.spec().fields().get(0);
    this.timeColumn = definition.schema().findColumnName(field.sourceId());
    this.hourly = field.transform().toString().equals("hour");
  }

  String tableName() {
    return definition.name();
  }

  /** The partition a row lands in, as Iceberg names it: {@code ended_at_day=2026-12-01}. */
  String partition(RowData row) {
    return partitionOf(time(row));
  }

  String partitionOf(long epochMillis) {
    Instant instant = Instant.ofEpochMilli(epochMillis);
    return hourly
        ? timeColumn + "_hour=" + HOUR.format(instant)
        : timeColumn + "_day=" + instant.atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** The row's partition time, epoch milliseconds. */
  long time(RowData row) {
    return row.getTimestamp(layout.position(timeColumn), 6).getMillisecond();
  }

  /**
   * The tables {@code --tables} names, comma-separated: full names, or {@code dws.*} for both DWS
   * tables; a reason naming the known tables when one is unknown.
   */
  static Set<BackfillTable> parse(String list) {
    Set<BackfillTable> tables = new LinkedHashSet<>();
    for (String name : list.split(",")) {
      String wanted = name.strip();
      if (wanted.isEmpty()) {
        continue;
      }
      List<BackfillTable> matched = new ArrayList<>();
      for (BackfillTable table : values()) {
        if (table.tableName().equals(wanted)
            || (wanted.endsWith(".*")
                && table.tableName().startsWith(wanted.substring(0, wanted.length() - 1)))) {
          matched.add(table);
        }
      }
      if (matched.isEmpty()) {
        throw new IllegalArgumentException(
            "unknown table '" + wanted + "' in --tables: backfill rewrites " + known());
      }
      tables.addAll(matched);
    }
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("--tables names no table: backfill rewrites " + known());
    }
    return tables;
  }

  private static String known() {
    List<String> names = new ArrayList<>();
    for (BackfillTable table : values()) {
      names.add(table.tableName());
    }
    return String.join(", ", names) + " (dws.* for both dws tables)";
  }
}
