package dev.openqoe.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP to a Pinot controller or broker. HTTP/1.1 only: Pinot's Grizzly server leaves an
 * h2c upgrade request hanging for 30 s.
 */
public final class PinotHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Duration requestTimeout;

  public PinotHttp(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  /** The response status and body; a non-2xx status is returned, not thrown. */
  public record Response(int status, String body) {

    public boolean ok() {
      return status / 100 == 2;
    }

    /**
     * This answer when it is a 2xx; otherwise a PinotException saying what {@code server} refused.
     */
    public Response requireOk(String server, String what) {
      if (!ok()) {
        throw new PinotException(
            "Pinot controller at "
                + server
                + " refused "
                + what
                + " (HTTP "
                + status
                + "): "
                + body);
      }
      return this;
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new PinotException("Pinot answered with something that is not JSON: " + body, e);
      }
    }
  }

  public Response get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
  }

  public Response post(String url, String json) {
    return send(withJson(url).POST(HttpRequest.BodyPublishers.ofString(json)), url);
  }

  public Response put(String url, String json) {
    return send(withJson(url).PUT(HttpRequest.BodyPublishers.ofString(json)), url);
  }

  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder withJson(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
  }

  private Response send(HttpRequest.Builder request, String url) {
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new PinotException("Pinot is unreachable at " + url + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PinotException("interrupted while calling Pinot at " + url, e);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "nothing answers there (connection refused); is Pinot running?";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
