package dev.openqoe.jobs;

import dev.openqoe.cli.DurationConverter;
import dev.openqoe.warehouse.WarehouseCatalog;
import dev.openqoe.warehouse.WarehouseConfig;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.ValidationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qoe backfill}: recomputes {@code dwd.sessions}, {@code dwd.session_intervals} and the DWS
 * totals of a range of days from the raw beacons in {@code ods.player_beacons}, with the session
 * model the pipeline runs, and replaces those days' partitions, one commit per table.
 */
@Command(
    name = "qoe backfill",
    mixinStandardHelpOptions = true,
    version = "qoe backfill 0.1.0",
    sortOptions = false,
    description = {
      "Recomputes sessions, intervals and DWS totals of the days --from to --to (UTC, inclusive)"
          + " from ods.player_beacons and replaces those days' partitions, one atomic commit per"
          + " table. Sessions that straddle the range's edges keep their rows.",
      "The catalog is the pipeline's: QOE_CATALOG_* and QOE_WAREHOUSE, or the embedded warehouse"
          + " under --data-dir."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (or dry run printed)",
      "1:the warehouse could not be read or written (nothing written to the failing table)",
      "2:bad usage"
    })
public final class BackfillCommand implements Callable<Integer> {

  @Option(
      names = "--from",
      required = true,
      paramLabel = "DATE",
      description = "First day, YYYY-MM-DD (UTC).")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DATE",
      description = "Last day, inclusive, YYYY-MM-DD (UTC).")
  String to;

  @Option(
      names = "--tables",
      paramLabel = "TABLES",
      defaultValue = "dwd.sessions,dwd.session_intervals,dws.*",
      description =
          "Tables to rewrite, comma-separated; dws.* for both DWS tables. Default: ${DEFAULT-VALUE}.")
  String tables;

  @Option(
      names = "--dry-run",
      description =
          "Print per partition the row counts and per day the QoE metrics, now and after; write nothing.")
  boolean dryRun;

  @Option(
      names = "--inactivity-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "${env:QOE_INACTIVITY_TIMEOUT:-120s}",
      description = "As the pipeline's (env QOE_INACTIVITY_TIMEOUT). Default: ${DEFAULT-VALUE}.")
  Duration inactivityTimeout;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "${env:QOE_INTERVAL:-10s}",
      description =
          "Grain of dwd.session_intervals, as the pipeline's (env QOE_INTERVAL). Default: ${DEFAULT-VALUE}.")
  Duration interval;

  @Option(
      names = "--margin",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Raw beacons are read this much before and after the range, so sessions on its edges are"
              + " whole. Default: the inactivity timeout.")
  Duration margin;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:QOE_DATA_DIR:-data}",
      description =
          "The embedded warehouse lives here (env QOE_DATA_DIR). Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress lines.")
  boolean quiet;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  BackfillCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs {@code qoe backfill}; returns the exit code. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new BackfillCommand(env, out, err));
    cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    BackfillRange range;
    Set<BackfillTable> wanted;
    WarehouseConfig config;
    try {
      range = BackfillRange.parse(from, to);
      wanted = BackfillTable.parse(tables);
      if (inactivityTimeout.isNegative() || inactivityTimeout.isZero() || interval.isZero()) {
        throw new IllegalArgumentException("--inactivity-timeout and --interval must be positive");
      }
      config = WarehouseConfig.fromEnvironment(env, dataDir);
    } catch (IllegalArgumentException e) {
      err.println("qoe backfill: " + e.getMessage());
      return 2;
    }
    Duration readMargin = margin != null ? margin : inactivityTimeout;
    BackfillProgress progress = new BackfillProgress(err, !quiet);
    String table = "the catalog";
    try (WarehouseCatalog warehouse = WarehouseCatalog.open(config)) {
      BackfillPlan plan =
          BackfillPlan.build(
              warehouse,
              range,
              new BackfillPlan.Settings(inactivityTimeout, interval, readMargin),
              wanted,
              progress);
      if (dryRun) {
        BackfillReport.print(out, plan);
        out.println();
        out.println("dry run: nothing written");
        return 0;
      }
      for (BackfillPlan.TablePlan tablePlan : plan.tables.values()) {
        table = tablePlan.table().tableName();
        for (String partition : tablePlan.partitions()) {
          progress.partition(
              table,
              partition,
              tablePlan.oldRows().getOrDefault(partition, List.of()).size(),
              tablePlan.newRows().getOrDefault(partition, List.of()).size());
        }
        long snapshot = PartitionOverwrite.commit(warehouse, tablePlan, range);
        progress.committed(table, tablePlan.partitions().size(), snapshot);
      }
      out.printf(
          Locale.ROOT,
          "backfill of %s done in %.1f s: %,d sessions recomputed, %,d on the edges kept, tables %s%n",
          range,
          progress.elapsedSeconds(),
          plan.sessionsRecomputed,
          plan.sessionsOnEdges,
          String.join(", ", plan.tables.keySet().stream().map(BackfillTable::tableName).toList()));
      return 0;
    } catch (BackfillPlan.NoRawBeacons e) {
      err.println("qoe backfill: " + e.getMessage());
    } catch (NoSuchTableException e) {
      err.println(
          "qoe backfill: "
              + e.getMessage()
              + " in catalog '"
              + config.catalogName()
              + "' at "
              + config.uri()
              + ": has the pipeline run against this catalog? (QOE_CATALOG_*, --data-dir)");
    } catch (ValidationException | CommitFailedException e) {
      err.println(
          "qoe backfill: "
              + table
              + " changed in the range while the backfill ran (is the pipeline still writing"
              + " into it?), so nothing was written to it; tables before it in --tables are"
              + " already replaced. Run again. ("
              + e.getMessage()
              + ")");
    } catch (RuntimeException e) {
      err.println(
          "qoe backfill: cannot use the warehouse catalog '"
              + config.catalogName()
              + "' at "
              + config.uri()
              + " ("
              + table
              + "): "
              + e.getMessage());
    }
    return 1;
  }
}
