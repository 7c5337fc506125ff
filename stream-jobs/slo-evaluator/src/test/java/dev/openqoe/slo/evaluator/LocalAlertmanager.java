package dev.openqoe.slo.evaluator;

import dev.openqoe.process.FreePorts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real Alertmanager (the Debian package prometheus-alertmanager) on 127.0.0.1, without gossip,
 * its state in a directory of the test's, routing every alert to one webhook receiver and grouping
 * them as a team would: by alert name, property, SLO and severity, so the slices of one SLO burning
 * together make one notification. Stopped by its pid.
 */
final class LocalAlertmanager implements AutoCloseable {

  static final String BINARY = "prometheus-alertmanager";

  private final Process process;
  private final String url;

  private LocalAlertmanager(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Starts one sending every notification to {@code receiverUrl}, and waits until it is ready. */
  static LocalAlertmanager start(Path dir, String receiverUrl) throws IOException {
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "route:",
            "  receiver: test",
            "  group_by: [alertname, property, slo, severity]",
            "  group_wait: 1s",
            "  group_interval: 1s",
            "  repeat_interval: 1h",
            "receivers:",
            "  - name: test",
            "    webhook_configs:",
            "      - url: " + receiverUrl,
            "        send_resolved: true",
            ""));
    String listen = "127.0.0.1:" + FreePorts.onLoopback();
    Process process =
        new ProcessBuilder(
                List.of(
                    binary(),
                    "--config.file=" + config,
                    "--storage.path=" + Files.createDirectories(dir.resolve("data")),
                    "--web.listen-address=" + listen,
                    "--cluster.listen-address="))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    LocalAlertmanager alertmanager = new LocalAlertmanager(process, "http://" + listen);
    try {
      alertmanager.awaitReady(dir.resolve("alertmanager.log"));
    } catch (RuntimeException e) {
      alertmanager.close();
      throw e;
    }
    return alertmanager;
  }

  String url() {
    return url;
  }

  long pid() {
    return process.pid();
  }

  private void awaitReady(Path log) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/-/ready")).build();
    Awaitility.await("Alertmanager ready at " + url + " (log: " + log + ")")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "Alertmanager exited with "
                        + process.exitValue()
                        + ": "
                        + Files.readString(log));
              }
              return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            });
  }

  private static String binary() {
    for (String directory :
        System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, BINARY);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new UncheckedIOException(
        new IOException(
            BINARY
                + " is not on the PATH: install the Debian package prometheus-alertmanager"
                + " (./qoe test does so when run as root)"));
  }

  /** Stops it by its pid (SIGTERM, then SIGKILL after 10 s). */
  @Override
  public void close() {
    ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
    if (handle == null) {
      return;
    }
    handle.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handle.destroyForcibly();
    }
  }
}
