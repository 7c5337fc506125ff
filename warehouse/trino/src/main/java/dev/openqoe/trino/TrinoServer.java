package dev.openqoe.trino;

import dev.openqoe.process.ProcessStop;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single-node Trino (coordinator and worker) on 127.0.0.1, started as a child process of this JVM
 * and stopped by its PID: by {@link #close()}, by a shutdown hook when this JVM exits, and by
 * itself when this JVM dies without one ({@link TrinoChildMain}).
 *
 * <pre>{@code
 * TrinoSettings settings = TrinoSettings.prepare(
 *     WarehouseConfig.embedded(dataDir), dataDir.resolve("trino"), port, System.getenv(), System.err::println);
 * try (TrinoServer trino = TrinoServer.start(settings)) {
 *   Connection connection = DriverManager.getConnection(trino.jdbcUrl(), "qoe", null);
 * }
 * }</pre>
 */
public final class TrinoServer implements AutoCloseable {

  private static final Pattern STARTED = Pattern.compile("\"starting\"\\s*:\\s*false");
  private static final Pattern NEXT_URI = Pattern.compile("\"nextUri\"\\s*:\\s*\"([^\"]+)\"");
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final int LOG_LINES_SHOWN = 30;

  private final TrinoSettings settings;
  private final Process process;
  private final Duration startTime;
  private final Thread shutdownHook;

  private TrinoServer(TrinoSettings settings, Process process, Duration startTime) {
    this.settings = settings;
    this.process = process;
    this.startTime = startTime;
    this.shutdownHook = new Thread(this::stopProcess, "trino-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Writes the configuration, starts Trino and waits until {@code /v1/info} says it is no longer
   * starting and a first query runs.
   *
   * @throws IllegalStateException when the port is taken, or Trino exits or does not serve within
   *     the start timeout (with the end of its log)
   */
  public static TrinoServer start(TrinoSettings settings) {
    requireFreePort(settings.port());
    if (settings.warehouse().isSqlite()) {
      SqliteDriverJar.installInto(settings.distribution().resolve("plugin").resolve("iceberg"));
    }
    Path config = TrinoConfigFiles.write(settings);
    List<String> command = command(settings, config);
    long started = System.nanoTime();
    Process process;
    try {
      Files.createDirectories(settings.log().getParent());
      process =
          new ProcessBuilder(command)
              .directory(settings.workDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(settings.log().toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Trino with " + settings.java().launcher(), e);
    }
    awaitServing(settings, process);
    return new TrinoServer(settings, process, Duration.ofNanos(System.nanoTime() - started));
  }

  /** {@code jdbc:trino://127.0.0.1:PORT/qoe}: any user name, no password. */
  public String jdbcUrl() {
    return settings.jdbcUrl();
  }

  /** The HTTP endpoint: the REST API, the web UI under {@code /ui/}, the CLI's {@code --server}. */
  public String httpUrl() {
    return settings.httpUrl();
  }

  public int port() {
    return settings.port();
  }

  public long pid() {
    return process.pid();
  }

  /** From the process start until it served. */
  public Duration startTime() {
    return startTime;
  }

  public Path log() {
    return settings.log();
  }

  public TrinoSettings settings() {
    return settings;
  }

  /** Blocks until Trino exits; its exit code. */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /** Stops Trino (SIGTERM, then SIGKILL after 30 s) and waits for it to exit. */
  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: nothing left to unregister
    }
  }

  private void stopProcess() {
    ProcessStop.stop(process, STOP_GRACE);
  }

  /**
   * What Trino's launcher would run: its JVM options, node.properties as system properties,
   * config.properties, {@code lib/*} as the classpath; with {@link TrinoChildMain} in front of
   * Trino's main.
   */
  static List<String> command(TrinoSettings settings, Path config) {
    List<String> command = new ArrayList<>();
    command.add(settings.java().launcher().toString());
    command.addAll(TrinoConfigFiles.jvmOptions(settings));
    TrinoConfigFiles.nodeProperties(settings)
        .forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-Dconfig=" + config);
    command.add("-cp");
    command.add(
        settings.distribution().resolve("lib")
            + "/*"
            + java.io.File.pathSeparator
            + childMainDirectory(settings));
    command.add(TrinoChildMain.class.getName());
    linkIcebergPlugin(settings);
    return command;
  }

  /** {@code <work>/plugin/iceberg}, a link to the release's: the one plugin Trino loads. */
  private static void linkIcebergPlugin(TrinoSettings settings) {
    Path plugins = settings.workDir().resolve("plugin");
    Path link = plugins.resolve("iceberg");
    Path target = settings.distribution().resolve("plugin").resolve("iceberg");
    try {
      Files.createDirectories(plugins);
      if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
        return;
      }
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link Trino's Iceberg plugin into " + plugins, e);
    }
  }

  /** A directory holding {@link TrinoChildMain}'s class file and nothing else. */
  private static Path childMainDirectory(TrinoSettings settings) {
    Path dir = settings.workDir().resolve("launcher");
    String resource = TrinoChildMain.class.getName().replace('.', '/') + ".class";
    Path file = dir.resolve(resource);
    try (InputStream in = TrinoChildMain.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no " + resource + " on the classpath");
      }
      Files.createDirectories(file.getParent());
      Files.write(file, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return dir;
  }

  private static void requireFreePort(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      probe.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException(
          "port "
              + port
              + " on 127.0.0.1 is in use; choose another with --port or "
              + TrinoDefaults.PORT_VARIABLE);
    }
  }

  /**
   * Whether a {@code SELECT 1} runs to the end without an error. Trino says it has started a moment
   * before its own node is registered with its scheduler; a query asked in between fails with "No
   * nodes available to run query".
   */
  private static boolean answersQueries(HttpClient http, TrinoSettings settings)
      throws IOException, InterruptedException {
    HttpRequest statement =
        HttpRequest.newBuilder(URI.create(settings.httpUrl() + "/v1/statement"))
            .header("X-Trino-User", "qoe")
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofString("SELECT 1"))
            .build();
    HttpResponse<String> answer = http.send(statement, HttpResponse.BodyHandlers.ofString());
    while (answer.statusCode() == 200 && !answer.body().contains("\"error\"")) {
      Matcher next = NEXT_URI.matcher(answer.body());
      if (!next.find()) {
        return true;
      }
      HttpRequest poll =
          HttpRequest.newBuilder(URI.create(next.group(1)))
              .header("X-Trino-User", "qoe")
              .timeout(Duration.ofSeconds(5))
              .GET()
              .build();
      answer = http.send(poll, HttpResponse.BodyHandlers.ofString());
    }
    return false;
  }

  private static void awaitServing(TrinoSettings settings, Process process) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    HttpRequest info =
        HttpRequest.newBuilder(URI.create(settings.httpUrl() + "/v1/info"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    long deadline = System.nanoTime() + settings.startTimeout().toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "Trino exited with code " + process.exitValue() + logTail(settings));
        }
        try {
          HttpResponse<String> response = http.send(info, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200
              && STARTED.matcher(response.body()).find()
              && answersQueries(http, settings)) {
            return;
          }
        } catch (IOException notYetListening) {
          // the HTTP server is not up yet
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Trino was starting", e);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "Trino did not serve within "
            + settings.startTimeout().toSeconds()
            + " s"
            + logTail(settings));
  }

  private static String logTail(TrinoSettings settings) {
    try {
      List<String> lines = Files.readAllLines(settings.log(), StandardCharsets.ISO_8859_1);
      return " (log "
          + settings.log()
          + "); its last lines:\n"
          + String.join(
              "\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size()));
    } catch (IOException unreadable) {
      return " (log " + settings.log() + ")";
    }
  }
}
