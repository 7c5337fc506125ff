package dev.openqoe.browser;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pass-through in front of the collector, on 127.0.0.1: forwards every request (method, path and
 * query, body, the headers that matter: Content-Type, Content-Encoding, Origin, CORS preflight and
 * {@code CMCD-*}) and returns the collector's answer unchanged. It records each CMCD request as it
 * arrived, byte for byte, in arrival order, so a test sees what the players really sent and the
 * status the collector gave, and each beacon request ({@code /v1/beacons}) with the beacons it
 * carried. Players are pointed at the tap instead of the collector.
 *
 * <p>On request it plays an overloaded collector: for a while from the next beacon request it
 * answers every beacon request 503 with {@code Retry-After: 1} itself, then forwards again.
 */
public final class CollectorTap implements AutoCloseable {

  private static final Set<String> FORWARDED =
      Set.of(
          "content-type",
          "content-encoding",
          "origin",
          "access-control-request-method",
          "access-control-request-headers",
          "user-agent",
          "sec-fetch-mode",
          "x-qoe-key");
  private static final Set<String> NOT_RETURNED =
      Set.of("content-length", "transfer-encoding", "connection", "date");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String collectorUrl;
  private final List<CapturedCmcdRequest> captured = new ArrayList<>();
  private final List<BeaconRequest> beaconRequests = new ArrayList<>();
  private Duration refusalToStart;
  private long refusingUntilNanos;

  private CollectorTap(String collectorUrl) throws IOException {
    this.collectorUrl = collectorUrl;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a tap in front of the collector at {@code collectorUrl} (http://127.0.0.1:port). */
  public static CollectorTap start(String collectorUrl) {
    try {
      return new CollectorTap(collectorUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tap's base URL, http://127.0.0.1:port. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * The CMCD requests (not the CORS preflights) that named {@code sessionId}, in the order they
   * arrived (not the order the collector answered them).
   */
  public synchronized List<CapturedCmcdRequest> requestsOf(String sessionId) {
    return captured.stream()
        .filter(r -> sessionId.equals(r.sessionId()))
        .sorted(java.util.Comparator.comparingLong(CapturedCmcdRequest::arrivedNanos))
        .toList();
  }

  public synchronized List<CapturedCmcdRequest> all() {
    return captured.stream()
        .sorted(java.util.Comparator.comparingLong(CapturedCmcdRequest::arrivedNanos))
        .toList();
  }

  /**
   * From the next beacon request on, answers beacon requests 503 with {@code Retry-After: 1} for
   * {@code length}, without forwarding them; then forwards again.
   */
  public synchronized void refuseBeaconsFor(Duration length) {
    refusalToStart = length;
  }

  /** The beacon requests that carried beacons of {@code sessionId}, in arrival order. */
  public synchronized List<BeaconRequest> beaconRequestsOf(String sessionId) {
    return beaconRequests.stream()
        .filter(r -> r.carries(sessionId))
        .sorted(java.util.Comparator.comparingLong(BeaconRequest::arrivedNanos))
        .toList();
  }

  private synchronized boolean refusing(long arrived) {
    if (refusalToStart != null) {
      refusingUntilNanos = arrived + refusalToStart.toNanos();
      refusalToStart = null;
    }
    return arrived < refusingUntilNanos;
  }

  private void forward(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String method = exchange.getRequestMethod();
      URI uri = exchange.getRequestURI();
      boolean beacons = method.equals("POST") && uri.getPath().equals("/v1/beacons");
      if (beacons && refusing(arrived)) {
        recordBeacons(exchange, arrived, body, 503, true);
        exchange.getResponseHeaders().set("Retry-After", "1");
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null) {
          // what the collector's own 503 carries (its Exchange): no Access-Control-Expose-Headers,
          // so a page cannot read Retry-After (not a CORS-safelisted header) and uses its default
          exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
          exchange.getResponseHeaders().set("Vary", "Origin");
        }
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(collectorUrl + uri.getRawPath() + rawQuery(uri)))
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      Map<String, String> cmcdHeaders = new TreeMap<>();
      for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
        String name = header.getKey().toLowerCase(Locale.ROOT);
        if (FORWARDED.contains(name) || name.startsWith("cmcd-")) {
          for (String value : header.getValue()) {
            request.header(header.getKey(), value);
          }
        }
        if (name.startsWith("cmcd-")) {
          cmcdHeaders.put(canonicalCmcdHeader(name), String.join(",", header.getValue()));
        }
      }
      HttpResponse<byte[]> answer;
      try {
        answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      } catch (IOException e) {
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      if (beacons) {
        recordBeacons(exchange, arrived, body, answer.statusCode(), false);
      } else if (!method.equals("OPTIONS")) {
        synchronized (this) {
          captured.add(
              new CapturedCmcdRequest(
                  arrived,
                  method,
                  cmcdQueryValue(uri.getRawQuery()),
                  Map.copyOf(cmcdHeaders),
                  body.length == 0 ? null : new String(body, StandardCharsets.UTF_8),
                  exchange.getRequestHeaders().getFirst("X-Harness-Media-Path"),
                  answer.statusCode(),
                  new String(answer.body(), StandardCharsets.UTF_8)));
        }
      }
      Headers out = exchange.getResponseHeaders();
      answer
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))
                    && !name.startsWith(":")) {
                  out.put(name, values);
                }
              });
      byte[] bytes = answer.body();
      exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  private void recordBeacons(
      HttpExchange exchange, long arrived, byte[] body, int status, boolean refusedByTap) {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    BeaconRequest request =
        new BeaconRequest(
            arrived,
            exchange.getRequestHeaders().getFirst("Sec-Fetch-Mode"),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            encoding,
            body.length,
            BeaconRequest.beaconsOf(body, encoding),
            status,
            refusedByTap);
    synchronized (this) {
      beaconRequests.add(request);
    }
  }

  private static String rawQuery(URI uri) {
    return uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
  }

  /** The percent-decoded value of the CMCD query parameter, or null when there is none. */
  static String cmcdQueryValue(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("CMCD=")) {
        return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** cmcd-request -> CMCD-Request, as CTA-5004 spells the header names. */
  static String canonicalCmcdHeader(String lowerCase) {
    String rest = lowerCase.substring("cmcd-".length());
    return "CMCD-" + Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
