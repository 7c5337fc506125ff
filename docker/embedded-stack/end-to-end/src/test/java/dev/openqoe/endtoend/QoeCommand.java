package dev.openqoe.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@code ./qoe} command as an analyst or operator runs it, its stdout parsed as JSON. */
final class QoeCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  private QoeCommand() {}

  /** {@code ./qoe sql --format json STATEMENT}: one JSON object per result row. */
  static List<JsonNode> sql(Path dataDir, String statement)
      throws IOException, InterruptedException {
    String out =
        run(Map.of("QOE_DATA_DIR", dataDir.toString()), "sql", "--format", "json", statement);
    List<JsonNode> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }

  /** {@code ./qoe drill ... --json} against the stack's Pinot broker. */
  static JsonNode drill(String brokerUrl, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("drill", "--broker", brokerUrl, "--json"));
    command.addAll(List.of(args));
    return JSON.readTree(run(Map.of(), command.toArray(String[]::new)));
  }

  /** {@code ./qoe explain ... --json} against the stack's Pinot broker. */
  static JsonNode explain(String brokerUrl, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("explain", "--broker", brokerUrl, "--json"));
    command.addAll(List.of(args));
    return JSON.readTree(run(Map.of(), command.toArray(String[]::new)));
  }

  /** {@code ./qoe alerts --json} on the stack's Kafka: the firing alerts and the transitions. */
  static JsonNode alerts(String kafkaBootstrap) throws IOException, InterruptedException {
    return JSON.readTree(run(Map.of(), "alerts", "--kafka", kafkaBootstrap, "--json"));
  }

  private static String run(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(EmbeddedStack.REPOSITORY.resolve("qoe").toString());
    command.addAll(List.of(args));
    Path stderr = Files.createTempFile("qoe-command", ".err");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(EmbeddedStack.REPOSITORY.toFile())
              .redirectError(stderr.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new AssertionError(
            String.join(" ", args) + " failed:\n" + Files.readString(stderr) + out);
      }
      return out;
    } finally {
      Files.deleteIfExists(stderr);
    }
  }
}
