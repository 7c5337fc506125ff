package dev.openqoe.ingest.config;

import dev.openqoe.ingest.config.CollectorConfig.Setting;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The collector's command line, read by picocli like every other {@code qoe} command: one option
 * per {@link Setting} ({@code --<key>=<value>} or {@code --<key> <value>}) and {@code --config
 * FILE}. The options are built from the settings, so a new setting is a new option, environment
 * variable and file key at once.
 */
final class CollectorCommandLine {

  static final String CONFIG = "--config";

  private CollectorCommandLine() {}

  /** The flags given, by setting key ({@code config} for the file), in the order given. */
  static Map<String, String> flags(String[] args) {
    ParseResult parsed;
    try {
      parsed = new CommandLine(spec()).parseArgs(args);
    } catch (CommandLine.UnmatchedArgumentException e) {
      String first = e.getUnmatched().get(0);
      throw new IllegalArgumentException(
          first.startsWith("--")
              ? "unknown flag " + first.split("=", 2)[0] + " (see --help)"
              : "unexpected argument '" + first + "'");
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    Map<String, String> flags = new LinkedHashMap<>();
    for (OptionSpec option : parsed.matchedOptions()) {
      flags.put(option.longestName().substring(2), option.getValue());
    }
    return flags;
  }

  /** The text of {@code --help}: every setting, its default and its environment variable. */
  static String usage() {
    return new CommandLine(spec()).getUsageMessage();
  }

  private static CommandSpec spec() {
    CommandSpec spec = CommandSpec.create().name("qoe collector");
    spec.usageMessage()
        .width(110)
        .abbreviateSynopsis(true)
        .sortOptions(false)
        .description(
            "Serves the beacon endpoints. Each setting is taken from, in increasing precedence:"
                + " its default, the --config file (Java properties, keys as below without --),"
                + " its environment variable, the flag.");
    spec.addOption(
        OptionSpec.builder(CONFIG)
            .paramLabel("FILE")
            .type(String.class)
            .description("settings file (env QOE_COLLECTOR_CONFIG)")
            .build());
    for (Setting setting : Setting.values()) {
      spec.addOption(
          OptionSpec.builder("--" + setting.key())
              .paramLabel("VALUE")
              .type(String.class)
              .description(
                  setting.description()
                      + " (env "
                      + setting.environmentVariable()
                      + "; default '"
                      + setting.defaultValue()
                      + "')")
              .build());
    }
    return spec;
  }
}
