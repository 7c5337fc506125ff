package dev.openqoe.warehouse.sql;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The entry point of {@code qoe sql}, {@code qoe sql-gateway} and {@code qoe maintain}. */
@Command(
    name = "qoe",
    mixinStandardHelpOptions = true,
    version = "qoe 0.1.0",
    subcommands = {SqlCommand.class, SqlGatewayCommand.class, MaintainCommand.class},
    description = "SQL over the OpenQoE Iceberg warehouse, and its upkeep.")
public final class WarehouseSqlCommand {

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show Flink's and Iceberg's log (info level) on stderr.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new WarehouseSqlCommand());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionStrategy(
        parseResult -> {
          // slf4j-simple reads its level once, when the first logger is made: set it before that.
          if (parseResult.asCommandLineList().stream()
              .anyMatch(command -> command.getParseResult().hasMatchedOption("--verbose"))) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    return commandLine;
  }
}
