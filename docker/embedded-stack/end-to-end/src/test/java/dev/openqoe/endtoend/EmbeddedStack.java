package dev.openqoe.endtoend;

import static org.awaitility.Awaitility.await;

import dev.openqoe.process.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack exactly as a user starts it: {@code ./qoe up --no-simulator} as a child process, on
 * free loopback ports and a data directory of the test's, with its output in a log file.
 */
final class EmbeddedStack implements AutoCloseable {

  /** The repository root: this module lives in docker/embedded-stack/end-to-end. */
  static final Path REPOSITORY = Path.of("").toAbsolutePath().resolve("../../..").normalize();

  private final Path dataDir;
  private final Map<String, String> ports;
  private final Path log;
  private Process up;
  private List<ProcessHandle> parts = List.of();

  private EmbeddedStack(Path dataDir, Map<String, String> ports, Path log) {
    this.dataDir = dataDir;
    this.ports = ports;
    this.log = log;
  }

  /** A stack on fresh free ports; {@link #start} brings it up. */
  static EmbeddedStack onFreePorts(Path dataDir, Path log) {
    Map<String, String> ports = new HashMap<>();
    for (String name :
        List.of(
            "QOE_COLLECTOR_PORT",
            "QOE_COLLECTOR_KAFKA_EMBEDDED_PORT",
            "QOE_UP_PINOT_CONTROLLER_PORT",
            "QOE_UP_PINOT_BROKER_PORT",
            "QOE_UP_PINOT_ZOOKEEPER_PORT")) {
      ports.put(name, Integer.toString(FreePorts.onLoopback()));
    }
    return new EmbeddedStack(dataDir, ports, log);
  }

  /** Runs {@code ./qoe up} and waits until it says the stack is up, or fails with its output. */
  EmbeddedStack start() throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                REPOSITORY.resolve("qoe").toString(),
                "up",
                "--no-simulator",
                "--data-dir",
                dataDir.toString())
            .directory(REPOSITORY.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(ports);
    up = builder.start();
    await()
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!up.isAlive()) {
                throw new AssertionError(
                    "./qoe up exited with " + up.exitValue() + ":\n" + output());
              }
              return output().contains("OpenQoE is up");
            });
    parts = up.descendants().toList();
    return this;
  }

  /**
   * Stops the stack as Ctrl-C would (the launcher stops its parts in reverse order) and waits until
   * every process it started has ended.
   */
  void stop() throws InterruptedException {
    if (up == null) {
      return;
    }
    up.destroy(); // SIGTERM, which ./qoe up handles like Ctrl-C
    if (!up.waitFor(Duration.ofMinutes(3).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      up.destroyForcibly();
      parts.forEach(ProcessHandle::destroyForcibly);
      throw new AssertionError("./qoe up did not stop within 3 minutes:\n" + output());
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> parts.stream().noneMatch(ProcessHandle::isAlive));
    up = null;
  }

  String collectorUrl() {
    return "http://127.0.0.1:" + ports.get("QOE_COLLECTOR_PORT");
  }

  String pinotBrokerUrl() {
    return "http://127.0.0.1:" + ports.get("QOE_UP_PINOT_BROKER_PORT");
  }

  String kafkaBootstrap() {
    return "127.0.0.1:" + ports.get("QOE_COLLECTOR_KAFKA_EMBEDDED_PORT");
  }

  Path dataDir() {
    return dataDir;
  }

  String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      stop();
    } finally {
      parts.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
