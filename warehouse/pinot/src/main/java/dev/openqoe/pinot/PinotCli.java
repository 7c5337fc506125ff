package dev.openqoe.pinot;

import dev.openqoe.pinot.drill.DrillApiCommand;
import dev.openqoe.pinot.drill.DrillCommand;
import dev.openqoe.pinot.explain.ExplainCommand;
import dev.openqoe.pinot.freshness.FreshnessCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The real-time layer's commands: {@code ./qoe pinot-tables | drill | drill-api | explain |
 * freshness}.
 */
@Command(
    name = "qoe",
    mixinStandardHelpOptions = true,
    subcommands = {
      PinotTablesCommand.class,
      DrillCommand.class,
      DrillApiCommand.class,
      ExplainCommand.class,
      FreshnessCommand.class
    })
public final class PinotCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return commandLine(new PinotCli());
  }

  /**
   * {@code command} with the real-time layer's error handling: usage errors exit 2, Pinot trouble
   * 1, each with one line on stderr that says what to do.
   */
  public static CommandLine commandLine(Object command) {
    return new CommandLine(command)
        .setExecutionExceptionHandler(
            (e, commandLine, parseResult) -> {
              commandLine
                  .getErr()
                  .println("qoe " + commandLine.getCommandName() + ": " + e.getMessage());
              return e instanceof IllegalArgumentException ? 2 : 1;
            });
  }
}
