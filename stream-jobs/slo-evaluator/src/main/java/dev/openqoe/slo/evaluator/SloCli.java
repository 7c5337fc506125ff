package dev.openqoe.slo.evaluator;

import dev.openqoe.pinot.PinotCli;
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
   * The commands with the real-time layer's error handling: one line on stderr, usage and SLO file
   * errors exit 2, Kafka or Pinot trouble 1.
   */
  public static CommandLine commandLine() {
    return PinotCli.commandLine(new SloCli());
  }
}
