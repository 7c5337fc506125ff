package dev.openqoe.slo.evaluator;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The SLO commands: {@code ./qoe slo-evaluator | alerts}. */
@Command(
    name = "qoe",
    mixinStandardHelpOptions = true,
    subcommands = {SloEvaluatorCommand.class, AlertsCommand.class})
public final class SloCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The commands with one line on stderr for what went wrong: usage and SLO file errors exit 2,
   * Kafka or Pinot trouble 1.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new SloCli())
        .setExecutionExceptionHandler(
            (e, commandLine, parseResult) -> {
              commandLine
                  .getErr()
                  .println("qoe " + commandLine.getCommandName() + ": " + e.getMessage());
              return e instanceof IllegalArgumentException ? 2 : 1;
            });
  }
}
