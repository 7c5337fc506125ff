package dev.openqoe.warehouse.sql;

import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.TableDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qoe sql}: one Flink SQL statement over the warehouse, printed. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    version = "qoe sql 0.1.0",
    description = {
      "Runs one Flink SQL statement (batch) over the warehouse tables and prints the result.",
      "Tables are named namespace.table: ods.player_beacons, dwd.sessions, dws.qoe_hour, ...",
      "Examples:",
      "  qoe sql \"SELECT cdn, SUM(sessions) AS sessions FROM dws.qoe_hour GROUP BY cdn\"",
      "  qoe sql --file warehouse/sql/queries/worst_assets_by_vpf.sql --param min_started=50"
    })
final class SqlCommand implements Callable<Integer> {

  static final class Source {
    @Parameters(paramLabel = "STATEMENT", description = "The SQL statement.")
    String statement;

    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE",
        description = "Read the statement from a file.")
    Path file;
  }

  @Spec CommandSpec spec;

  @Mixin WarehouseOptions warehouse;

  @ArgGroup(multiplicity = "1")
  Source source;

  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description = "Fills $${NAME} in the statement (repeatable).")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default), csv or json (one object per line).")
  OutputFormat format;

  @Override
  public Integer call() {
    String statement;
    try {
      statement = new SqlTemplate(text()).render(params);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      QueryResult result = WarehouseSqlSession.open(warehouse.config()).execute(statement);
      format.write(result, out);
      out.flush();
      return 0;
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("qoe sql: " + SqlErrorMessage.of(e) + tableHint(e));
      return 1;
    }
  }

  /**
   * Flink names only the first part of an unknown table ("Object 'dws' not found"), which does not
   * tell an analyst what to write instead.
   */
  private static String tableHint(RuntimeException failure) {
    String message = SqlErrorMessage.of(failure);
    if (!message.contains("Object '") || !message.contains("not found")) {
      return "";
    }
    return "; the tables are "
        + String.join(", ", QoeTables.ALL.stream().map(TableDefinition::name).toList());
  }

  private String text() {
    if (source.file == null) {
      return source.statement;
    }
    try {
      return Files.readString(source.file);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "cannot read " + source.file + ": " + e.getMessage(), e);
    }
  }
}
