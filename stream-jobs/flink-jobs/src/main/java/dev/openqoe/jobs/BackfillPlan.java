package dev.openqoe.jobs;

import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.WarehouseCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * What a backfill writes: for each table, the rows of every partition inside the range, and what
 * those partitions hold now. Nothing is written here.
 *
 * <p>In each affected partition the rows of the recomputed sessions (see {@link BackfillRange}'s
 * edge rule) are replaced by their recomputed rows, and every other row stays as it is. The DWS
 * rows of the range's days are the totals of the sessions that {@code dwd.sessions} holds after the
 * backfill, grouped as the pipeline's windows group them (collector time at close).
 */
final class BackfillPlan {

  /** Settings the recomputation runs with. */
  record Settings(Duration inactivityTimeout, Duration interval, Duration margin) {}

  /** One table's affected partitions: the rows they hold now, and the rows they would hold. */
  record TablePlan(
      BackfillTable table,
      Snapshot readAt,
      SortedMap<String, List<RowData>> oldRows,
      SortedMap<String, List<RowData>> newRows) {

    /** Every partition inside the range, in order, whether it holds rows before or after. */
    List<String> partitions() {
      SortedMap<String, Boolean> all = new TreeMap<>();
      oldRows.keySet().forEach(p -> all.put(p, true));
      newRows.keySet().forEach(p -> all.put(p, true));
      return new ArrayList<>(all.keySet());
    }

    List<RowData> allNewRows() {
      List<RowData> rows = new ArrayList<>();
      newRows.values().forEach(rows::addAll);
      return rows;
    }
  }

  final BackfillRange range;
  final long beaconsRead;
  final long unreadableBeacons;
  final int sessionsRecomputed;
  final int sessionsOnEdges;

  /**
   * {@code dwd.sessions} before and after, whether it is rewritten or not: the metrics come from
   * it.
   */
  final TablePlan sessions;

  /** The tables to rewrite. */
  final Map<BackfillTable, TablePlan> tables;

  private BackfillPlan(
      BackfillRange range,
      long beaconsRead,
      long unreadableBeacons,
      int sessionsRecomputed,
      int sessionsOnEdges,
      TablePlan sessions,
      Map<BackfillTable, TablePlan> tables) {
    this.range = range;
    this.beaconsRead = beaconsRead;
    this.unreadableBeacons = unreadableBeacons;
    this.sessionsRecomputed = sessionsRecomputed;
    this.sessionsOnEdges = sessionsOnEdges;
    this.sessions = sessions;
    this.tables = tables;
  }

  /** Fails with a user-readable reason when the range has no raw beacons. */
  static final class NoRawBeacons extends Exception {
    private static final long serialVersionUID = 1L;

    NoRawBeacons(String message) {
      super(message);
    }
  }

  static BackfillPlan build(
      WarehouseCatalog warehouse,
      BackfillRange range,
      Settings settings,
      Set<BackfillTable> wanted,
      BackfillProgress progress)
      throws NoRawBeacons {
    Table ods = warehouse.load(QoeTables.ODS_BEACONS);
    long readFrom = range.readFromMillis(settings.margin());
    long readTo = range.readToMillis(settings.margin());
    List<IngestedBeacon> beacons = new ArrayList<>();
    long[] unreadable = {0};
    long[] insideRange = {0};
    scan(
        ods,
        between("received_at", readFrom, readTo),
        record -> {
          try {
            IngestedBeacon beacon = OdsBeaconRows.beacon(record);
            long receivedAt = beacon.receipt().receivedAt();
            if (receivedAt >= readFrom && receivedAt < readTo) {
              beacons.add(beacon);
              insideRange[0] += range.contains(receivedAt) ? 1 : 0;
            }
          } catch (OdsBeaconRows.UnreadableRow e) {
            unreadable[0]++;
            progress.unreadable(record, e.getMessage());
          }
          progress.readingRaw(beacons.size());
        });
    if (insideRange[0] == 0) {
      throw new NoRawBeacons(
          "ods.player_beacons has no beacons received from "
              + range
              + ": nothing to recompute from (is the range older than ODS keeps, or not yet"
              + " ingested?)");
    }
    progress.rawRead(beacons.size(), Instant.ofEpochMilli(readFrom), Instant.ofEpochMilli(readTo));

    Map<String, RecomputedSessions.Session> recomputed = new HashMap<>();
    int[] all = {0};
    new RecomputedSessions(settings.inactivityTimeout(), settings.interval())
        .run(
            beacons,
            session -> {
              all[0]++;
              if (range.holdsWholly(
                  session.facts().startedAt(), session.facts().endedAt(), session.closedAt())) {
                recomputed.put(session.id(), session);
              }
              progress.computing(all[0]);
            });
    beacons.clear();

    Table sessionsTable = warehouse.load(QoeTables.DWD_SESSIONS);
    Snapshot sessionsReadAt = sessionsTable.currentSnapshot();
    List<RowData> oldSessions = new ArrayList<>();
    scan(
        sessionsTable,
        Expressions.or(
            between("started_at", range.startMillis(), range.endMillis()),
            Expressions.or(
                between("ended_at", range.startMillis(), range.endMillis()),
                between("closed_at", range.startMillis(), range.endMillis()))),
        record -> oldSessions.add(RecordRows.toRow(sessionsTable.schema(), record)));
    Set<String> onEdges = new HashSet<>();
    for (RowData old : oldSessions) {
      String id = WarehouseRows.SESSIONS.string(old, "session_id");
      if (recomputed.containsKey(id)
          && !range.holdsWholly(
              millis(old, "started_at"), millis(old, "ended_at"), millis(old, "closed_at"))) {
        onEdges.add(id);
      }
    }
    onEdges.forEach(recomputed::remove);
    progress.sessions(all[0], recomputed.size(), onEdges.size());

    Map<BackfillTable, TablePlan> plans = new LinkedHashMap<>();
    List<RowData> keptSessions = new ArrayList<>();
    for (RowData old : oldSessions) {
      if (!recomputed.containsKey(WarehouseRows.SESSIONS.string(old, "session_id"))) {
        keptSessions.add(old);
      }
    }
    List<RowData> sessionsAfter = new ArrayList<>(keptSessions);
    List<RowData> newIntervals = new ArrayList<>();
    for (RecomputedSessions.Session session : recomputed.values()) {
      sessionsAfter.add(session.row());
      newIntervals.addAll(session.intervals());
    }
    TablePlan sessions =
        new TablePlan(
            BackfillTable.SESSIONS,
            sessionsReadAt,
            byPartition(BackfillTable.SESSIONS, oldSessions, range),
            byPartition(BackfillTable.SESSIONS, sessionsAfter, range));
    for (BackfillTable table : wanted) {
      TablePlan plan =
          switch (table) {
            case SESSIONS -> sessions;
            case INTERVALS -> intervals(warehouse, table, range, recomputed.keySet(), newIntervals);
            case DWS_MINUTE, DWS_HOUR -> totals(warehouse, table, range, sessionsAfter);
          };
      plans.put(table, plan);
    }
    return new BackfillPlan(
        range, insideRange[0], unreadable[0], recomputed.size(), onEdges.size(), sessions, plans);
  }

  private static TablePlan intervals(
      WarehouseCatalog warehouse,
      BackfillTable table,
      BackfillRange range,
      Set<String> recomputed,
      List<RowData> newIntervals) {
    Table loaded = warehouse.load(table.definition);
    Snapshot readAt = loaded.currentSnapshot();
    List<RowData> old = read(loaded, table, range);
    List<RowData> after = new ArrayList<>(newIntervals);
    for (RowData row : old) {
      if (!recomputed.contains(table.layout.string(row, "session_id"))) {
        after.add(row);
      }
    }
    return new TablePlan(
        table, readAt, byPartition(table, old, range), byPartition(table, after, range));
  }

  /**
   * The DWS rows of the range's days, from the sessions closed in them: as the pipeline's windows.
   */
  private static TablePlan totals(
      WarehouseCatalog warehouse,
      BackfillTable table,
      BackfillRange range,
      List<RowData> sessionsAfter) {
    Table loaded = warehouse.load(table.definition);
    Snapshot readAt = loaded.currentSnapshot();
    long windowMs = table == BackfillTable.DWS_MINUTE ? 60_000 : 3_600_000;
    Map<String, SessionTotals> groups = new TreeMap<>();
    Map<String, Long> windows = new HashMap<>();
    for (RowData session : sessionsAfter) {
      long closedAt = millis(session, "closed_at");
      if (!range.contains(closedAt)) {
        continue;
      }
      long windowStart = closedAt - Math.floorMod(closedAt, windowMs);
      String key = windowStart + "\u0002" + SessionTotals.groupKey(session);
      groups.computeIfAbsent(key, k -> new SessionTotals()).add(session);
      windows.put(key, windowStart);
    }
    List<RowData> rows = new ArrayList<>();
    groups.forEach((key, totals) -> rows.add(totals.toRow(table.layout, windows.get(key))));
    return new TablePlan(
        table,
        readAt,
        byPartition(table, read(loaded, table, range), range),
        byPartition(table, rows, range));
  }

  private static List<RowData> read(Table loaded, BackfillTable table, BackfillRange range) {
    List<RowData> rows = new ArrayList<>();
    scan(
        loaded,
        between(table.timeColumn, range.startMillis(), range.endMillis()),
        record -> rows.add(RecordRows.toRow(loaded.schema(), record)));
    return rows;
  }

  private static SortedMap<String, List<RowData>> byPartition(
      BackfillTable table, List<RowData> rows, BackfillRange range) {
    SortedMap<String, List<RowData>> partitions = new TreeMap<>();
    for (RowData row : rows) {
      long time = table.time(row);
      if (range.contains(time)) {
        partitions.computeIfAbsent(table.partitionOf(time), p -> new ArrayList<>()).add(row);
      }
    }
    return partitions;
  }

  /** Rows whose {@code column} lies in [from, to), epoch milliseconds. */
  static Expression between(String column, long fromMillis, long toMillis) {
    return Expressions.and(
        Expressions.greaterThanOrEqual(column, fromMillis * 1000),
        Expressions.lessThan(column, toMillis * 1000));
  }

  private static long millis(RowData sessionRow, String column) {
    return sessionRow.getTimestamp(WarehouseRows.SESSIONS.position(column), 6).getMillisecond();
  }

  /** Reads the rows of {@code table}'s current snapshot that match {@code filter}. */
  private static void scan(Table table, Expression filter, Consumer<Record> rows) {
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).where(filter).build()) {
      records.forEach(rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
