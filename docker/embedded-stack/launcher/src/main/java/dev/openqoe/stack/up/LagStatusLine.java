package dev.openqoe.stack.up;

import dev.openqoe.lag.LagSummary;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The lag monitor's figures as one status line: its {@code /metrics}, as Prometheus scrapes them,
 * summed up ({@link LagSummary}); or why they could not be read.
 */
final class LagStatusLine implements Supplier<String> {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI metrics;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  LagStatusLine(URI metrics) {
    this.metrics = metrics;
  }

  @Override
  public String get() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(metrics).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          ? LagSummary.of(response.body())
          : "lag: the lag monitor answered HTTP " + response.statusCode() + " at " + metrics;
    } catch (ConnectException e) {
      return "lag: the lag monitor does not answer at " + metrics + " (nothing listens there)";
    } catch (IOException e) {
      return "lag: the lag monitor does not answer at " + metrics + " (" + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "lag: interrupted while reading " + metrics;
    }
  }
}
