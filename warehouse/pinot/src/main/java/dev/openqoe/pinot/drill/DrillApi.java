package dev.openqoe.pinot.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openqoe.cli.DurationConverter;
import dev.openqoe.pinot.PinotException;
import dev.openqoe.pinot.explain.Explain;
import dev.openqoe.pinot.explain.ExplainParameters;
import dev.openqoe.pinot.explain.Explanation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The drill-down over HTTP for other tools: {@code GET
 * /drill?metric=vsf&by=cdn,country&where=country=BR&since=30m&limit=100} answers the {@link
 * DrillReport} as JSON, {@code GET /explain?metric=vsf&since=30m&where=...&slices=3&baseline=auto}
 * the {@link Explanation}; a bad parameter answers 400 and Pinot trouble 502, both with {@code
 * {"error": "..."}}.
 */
public final class DrillApi implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Drill drill;
  private final Explain explain;

  private DrillApi(HttpServer server, ExecutorService executor, Drill drill, Explain explain) {
    this.server = server;
    this.executor = executor;
    this.drill = drill;
    this.explain = explain;
  }

  public static DrillApi start(String host, int port, Drill drill, Explain explain) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
      ExecutorService executor = Executors.newFixedThreadPool(4);
      DrillApi api = new DrillApi(server, executor, drill, explain);
      server.createContext("/", api::handle);
      server.setExecutor(executor);
      server.start();
      return api;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Function<Map<String, List<String>>, Object> answer =
          switch (path) {
            case "/drill" -> parameters -> drill.run(request(parameters));
            case "/explain" -> parameters -> explain.run(ExplainParameters.request(parameters));
            default -> null;
          };
      if (!exchange.getRequestMethod().equals("GET") || answer == null) {
        respond(
            exchange,
            404,
            Map.of("error", "use GET /drill?metric=...&by=... or GET /explain?metric=..."));
        return;
      }
      Map<String, List<String>> parameters = parameters(exchange.getRequestURI().getRawQuery());
      try {
        respond(exchange, 200, answer.apply(parameters));
      } catch (IllegalArgumentException | CommandLine.TypeConversionException e) {
        respond(exchange, 400, Map.of("error", e.getMessage()));
      } catch (PinotException e) {
        respond(exchange, 502, Map.of("error", e.getMessage()));
      }
    }
  }

  static DrillRequest request(Map<String, List<String>> parameters) {
    String metric = single(parameters, "metric");
    String by = single(parameters, "by");
    if (metric == null || by == null) {
      throw new IllegalArgumentException(
          "metric and by are required, e.g. /drill?metric=vsf&by=cdn,country; metrics: "
              + DrillMetric.valid()
              + "; dimensions: "
              + String.join(", ", DrillDimension.ALL));
    }
    String since = single(parameters, "since");
    String limit = single(parameters, "limit");
    return new DrillRequest(
        DrillMetric.of(metric),
        DrillRequest.parseBy(by),
        DrillRequest.parseWhere(parameters.getOrDefault("where", List.of())),
        since == null ? DrillRequest.DEFAULT_SINCE : new DurationConverter().convert(since),
        limit == null ? DrillRequest.DEFAULT_LIMIT : parseLimit(limit));
  }

  private static int parseLimit(String limit) {
    try {
      return Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit must be a whole number, got '" + limit + "'", e);
    }
  }

  /** The last value of a parameter given once or more, or null. */
  public static String single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }

  static Map<String, List<String>> parameters(String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
