package dev.openqoe.ingest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives an HTTP endpoint with wrk (Debian package wrk), a separate native process, so the load
 * generator does not share the JVM, its JIT and its collector with the server under test.
 * Keep-alive connections, POST bodies cycling through the given list.
 */
final class Wrk {

  /** What one wrk run measured. */
  record Run(double requestsPerSecond, double p50Ms, double p99Ms, long failed) {}

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  /** What a browser player sends: the collector classifies it (cached) for every request. */
  static final String USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";

  private static final Duration CALIBRATION = Duration.ofSeconds(3);

  private final Path script;

  private Wrk(Path script) {
    this.script = script;
  }

  /** Whether wrk is installed; the benchmark says how to install it when it is not. */
  static boolean isInstalled() {
    try {
      Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      process.waitFor(10, TimeUnit.SECONDS);
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A wrk script that POSTs the bodies in turn with the ingest key. */
  static Wrk posting(List<String> bodies, String ingestKey, Path dir) {
    StringBuilder lua = new StringBuilder("local bodies = {\n");
    for (String body : bodies) {
      lua.append("  [==[").append(body).append("]==],\n");
    }
    lua.append(
        """
        }
        local n = 0
        local pause = tonumber(os.getenv("QOE_BENCH_DELAY_MS") or "0")
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.headers["X-QoE-Key"] = "%s"
        wrk.headers["User-Agent"] = "%s"
        -- Requests are rendered once (in init, after wrk has read the URL): rendering them per
        -- request would spend the load generator's CPU, which the server under test shares.
        local requests = {}
        init = function(args)
          for i, body in ipairs(bodies) do
            requests[i] = wrk.format(nil, nil, nil, body)
          end
        end
        request = function()
          n = n + 1
          return requests[(n %% #requests) + 1]
        end
        -- wrk waits whole milliseconds: a fraction is met on average by waiting one more
        -- millisecond that often.
        if pause > 0 then
          local whole = math.floor(pause)
          local fraction = pause - whole
          delay = function()
            if math.random() < fraction then
              return whole + 1
            end
            return whole
          end
        end
        """
            .formatted(ingestKey, USER_AGENT));
    try {
      Path script = dir.resolve("post.lua");
      Files.writeString(script, lua.toString(), StandardCharsets.UTF_8);
      return new Wrk(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As many requests as {@code connections} keep-alive connections get answered. */
  Run closedLoop(String url, int connections, Duration duration) {
    return run(url, connections, duration, 0.0);
  }

  /**
   * About {@code ratePerSecond} requests per second: after each answer a connection waits its share
   * of the interval ({@code connections / rate}) less the answer time (wrk's delay hook starts
   * after the answer), in whole milliseconds that average to the fraction asked. A short first run
   * at the expected answer time measures the real one at this rate, and the measured run waits for
   * the rest of each interval.
   */
  Run paced(
      String url,
      int connections,
      double ratePerSecond,
      double expectedLatencyMs,
      Duration duration) {
    double intervalMs = 1000 * connections / ratePerSecond;
    double delayMs = Math.max(0.1, intervalMs - expectedLatencyMs);
    Run calibration = run(url, connections, CALIBRATION, delayMs);
    double answerMs = 1000 * connections / calibration.requestsPerSecond() - delayMs;
    return run(url, connections, duration, Math.max(0.1, intervalMs - answerMs));
  }

  private Run run(String url, int connections, Duration duration, double delayMs) {
    ProcessBuilder builder =
        new ProcessBuilder(
                "wrk",
                "-t1",
                "-c" + connections,
                "-d" + duration.toSeconds() + "s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                script.toString(),
                url)
            .redirectErrorStream(true);
    builder.environment().put("QOE_BENCH_DELAY_MS", String.format(Locale.ROOT, "%.3f", delayMs));
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("wrk did not finish");
      }
      return parse(output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run wrk", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Run parse(String output) {
    Matcher rate = RATE.matcher(output);
    Matcher requests = REQUESTS.matcher(output);
    if (!rate.find() || !requests.find()) {
      throw new IllegalStateException("unexpected wrk output:\n" + output);
    }
    long failed = 0;
    Matcher non2xx = NON_2XX.matcher(output);
    if (non2xx.find()) {
      failed += Long.parseLong(non2xx.group(1));
    }
    Matcher errors = ERRORS.matcher(output);
    if (errors.find()) {
      for (int group = 1; group <= 4; group++) {
        failed += Long.parseLong(errors.group(group));
      }
    }
    double total = Double.parseDouble(rate.group(1));
    long count = Long.parseLong(requests.group(1));
    double ok = count == 0 ? 0 : total * (count - Math.min(failed, count)) / count;
    return new Run(ok, percentile(output, "50%"), percentile(output, "99%"), failed);
  }

  private static double percentile(String output, String label) {
    Matcher m =
        Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)").matcher(output);
    if (!m.find()) {
      return Double.NaN;
    }
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }
}
