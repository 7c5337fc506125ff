package dev.openqoe.browser;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One headless Debian Chromium, driven by {@code node run-player.mjs} (playwright-core), that plays
 * runs of the harness page one after the other and returns what the page measured. The script's
 * progress and the pages' console errors go to a log file, whose end is quoted when a run fails.
 */
public final class BrowserPlayer implements AutoCloseable {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Process node;
  private final Writer stdin;
  private final BufferedReader stdout;
  private final Path log;
  private final Duration runTimeout;

  private BrowserPlayer(Process node, Path log, Duration runTimeout) {
    this.node = node;
    this.log = log;
    this.runTimeout = runTimeout;
    this.stdin = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
    this.stdout =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
  }

  /**
   * Starts Chromium through {@code browserDir}/run-player.mjs (its node_modules installed by npm
   * ci). Fails with a clear message when node or Chromium is missing.
   */
  public static BrowserPlayer start(Path browserDir, Path log, Duration runTimeout) {
    Path script = browserDir.resolve("run-player.mjs");
    if (!Files.isDirectory(browserDir.resolve("node_modules/playwright-core"))) {
      throw new IllegalStateException(
          "no node_modules in "
              + browserDir
              + ": run 'npm ci' there (Maven's generate-test-resources phase does)");
    }
    String chromium = chromiumBinary();
    try {
      Process node =
          new ProcessBuilder(
                  "node",
                  script.toString(),
                  JSON.writeValueAsString(
                      Map.of("chromium", chromium, "timeoutMs", runTimeout.toMillis())))
              .directory(browserDir.toFile())
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      BrowserPlayer player = new BrowserPlayer(node, log, runTimeout);
      JsonNode ready = player.readLine(Duration.ofSeconds(60));
      if (!ready.path("ready").asBoolean()) {
        throw new IllegalStateException("run-player.mjs did not start: " + ready);
      }
      return player;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run node (Debian: apt-get install -y nodejs npm)", e);
    }
  }

  /** Debian's Chromium, as {@code command -v chromium} finds it. */
  public static String chromiumBinary() {
    try {
      Process which =
          new ProcessBuilder("sh", "-c", "command -v chromium || command -v chromium-browser")
              .redirectErrorStream(true)
              .start();
      String path = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0 && !path.isBlank()) {
        return path.strip().lines().findFirst().orElseThrow();
      }
    } catch (IOException e) {
      // reported below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(
        "chromium not found: the browser harness runs the players in Debian's Chromium"
            + " (apt-get install -y chromium; ./qoe test installs it)");
  }

  /** Plays the page at {@code url} to its end and returns its measurements. */
  public PageMeasurements play(String runId, String url) {
    try {
      return JSON.treeToValue(run(runId, url, false).get("measurements"), PageMeasurements.class);
    } catch (IOException e) {
      throw new UncheckedIOException("run " + runId + logHint(), e);
    }
  }

  /**
   * Runs the page at {@code url} until it says done and returns run-player.mjs's answer: {@code
   * measurements}, and with {@code closePage} (the page is then closed, as a viewer closes the tab)
   * {@code closedAt}, the page's {@code performance.now()} just before.
   */
  public JsonNode run(String runId, String url, boolean closePage) {
    try {
      stdin.write(
          JSON.writeValueAsString(Map.of("id", runId, "url", url, "closePage", closePage)) + "\n");
      stdin.flush();
      JsonNode result = readLine(runTimeout.plusSeconds(30));
      if (result.hasNonNull("error")) {
        throw new IllegalStateException(
            "run " + runId + " failed in the browser: " + result.get("error").asText() + logHint());
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("run " + runId + logHint(), e);
    }
  }

  private JsonNode readLine(Duration timeout) throws IOException {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return stdout.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      String text = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (text == null) {
        throw new IllegalStateException("run-player.mjs ended early" + logHint());
      }
      return JSON.readTree(text);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "run-player.mjs gave no answer within " + timeout + logHint(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read run-player.mjs" + logHint(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String logHint() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "; last lines of "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "; see " + log;
    }
  }

  /** Closes the browser (end of stdin) and waits for node to exit; kills it if it does not. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // node is gone already
    }
    try {
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      node.destroyForcibly();
    }
  }
}
