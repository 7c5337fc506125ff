package dev.openqoe.ingest.http;

import dev.openqoe.ingest.CollectorMetrics;
import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.ingest.core.Endpoint;
import dev.openqoe.ingest.core.StorageRoom;
import dev.openqoe.ingest.kafka.KafkaReadiness;
import dev.openqoe.process.FreePorts;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's HTTP server: one Vert.x event loop per core, each with a server instance on the
 * same port (the kernel spreads connections), no thread per request. Routes the ingest endpoints
 * and /healthz, /readyz, /metrics; shuts down gracefully.
 */
public final class CollectorServer {

  private static final Logger LOG = LoggerFactory.getLogger(CollectorServer.class);
  private static final Buffer OK = Buffer.buffer("ok\n");
  private static final String OPS_PREFIX = "/v1/ops/";

  private final Vertx vertx;
  private final CollectorMetrics metrics;
  private final KafkaReadiness readiness;
  private final StorageRoom room;
  private final AtomicBoolean draining;
  private final IngestHandler ingest;
  private int port;

  private CollectorServer(
      Vertx vertx,
      IngestHandler ingest,
      CollectorMetrics metrics,
      KafkaReadiness readiness,
      StorageRoom room,
      AtomicBoolean draining) {
    this.vertx = vertx;
    this.ingest = ingest;
    this.metrics = metrics;
    this.readiness = readiness;
    this.room = room;
    this.draining = draining;
  }

  /** A Vert.x instance sized for the collector: {@code eventLoops} threads, no blocking work. */
  public static Vertx newVertx(int eventLoops) {
    return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(1));
  }

  /**
   * Starts serving and returns once every event loop listens.
   *
   * @param room not ready while the broker's disk has no room
   * @param draining set by {@link #drain}; the ingest handler refuses new work while it is set
   */
  public static CollectorServer start(
      Vertx vertx,
      CollectorConfig config,
      IngestHandler ingest,
      CollectorMetrics metrics,
      KafkaReadiness readiness,
      StorageRoom room,
      AtomicBoolean draining) {
    CollectorServer server = new CollectorServer(vertx, ingest, metrics, readiness, room, draining);
    String host = config.host();
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(host)
            .setIdleTimeout(60)
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            .setMaxInitialLineLength(8192)
            // Netty answers a larger head with 431 and closes the connection.
            .setMaxHeaderSize(config.maxHeaderBytes())
            // Vert.x upgrades to HTTP/2 on "Upgrade: h2c" unless told not to: a protocol the
            // collector is not tested on, with its own limits, stays off unless configured.
            .setHttp2ClearTextEnabled(config.http2Cleartext())
            .setTcpNoDelay(true)
            .setReuseAddress(true);
    // Every instance listens on the same port, so a free one is picked before they start.
    server.port = config.port() == 0 ? FreePorts.on(host) : config.port();
    options.setPort(server.port);
    AtomicInteger open = new AtomicInteger();
    vertx
        .deployVerticle(
            () ->
                new Listener(
                    options,
                    server,
                    v ->
                        new ConnectionGuard(
                            v,
                            open,
                            config.maxConnections(),
                            config.requestHeadTimeout().toMillis(),
                            metrics)),
            new DeploymentOptions().setInstances(config.eventLoops()))
        .toCompletionStage()
        .toCompletableFuture()
        .join();
    return server;
  }

  public int port() {
    return port;
  }

  /**
   * Stops taking new ingest requests (they get 503 with Retry-After) and waits until the requests
   * in flight are answered, at most {@code timeout}. Runs on the caller's thread, never an event
   * loop.
   */
  public void drain(Duration timeout) {
    draining.set(true);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (metrics.inFlight() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (metrics.inFlight() > 0) {
      LOG.warn("{} requests still in flight after {}", (long) metrics.inFlight(), timeout);
    }
  }

  /** Closes the listeners and the event loops. */
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  void route(HttpServerRequest request) {
    switch (request.path()) {
      case "/v1/beacons" -> ingest.handle(request, Endpoint.BEACONS);
      case "/v1/cmcd" -> ingest.handle(request, Endpoint.CMCD);
      case "/healthz" -> probe(request, "healthz", () -> answerAlive(request));
      case "/readyz" -> probe(request, "readyz", () -> answerReady(request));
      case "/metrics" -> probe(request, "metrics", () -> answerMetrics(request));
      default -> {
        String path = request.path();
        if (path.startsWith(OPS_PREFIX)) {
          ingest.handleOps(request, path.substring(OPS_PREFIX.length()));
          return;
        }
        Exchange exchange = new Exchange(request, "other", metrics);
        exchange.refuse(
            404,
            "not_found",
            "no such endpoint: use POST /v1/beacons, /v1/cmcd, /v1/ops/<feed>, GET /healthz,"
                + " /readyz, /metrics");
      }
    }
  }

  private void probe(HttpServerRequest request, String name, Runnable answer) {
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      Exchange exchange = new Exchange(request, name, metrics);
      exchange.response().putHeader("Allow", "GET, HEAD");
      exchange.refuse(405, "method_not_allowed", request.method() + " is not supported here");
      return;
    }
    answer.run();
  }

  private void answerAlive(HttpServerRequest request) {
    new Exchange(request, "healthz", metrics).end(200, OK);
  }

  private void answerReady(HttpServerRequest request) {
    Exchange exchange = new Exchange(request, "readyz", metrics);
    if (draining.get()) {
      exchange.refuse(503, "shutting_down", "the collector is shutting down");
      return;
    }
    String shortage = room.shortage();
    if (shortage != null) {
      exchange.refuse(503, "disk_full", shortage);
      return;
    }
    var context = vertx.getOrCreateContext();
    readiness.check(
        ready ->
            context.runOnContext(
                ignored -> {
                  if (ready) {
                    exchange.end(200, OK);
                  } else {
                    exchange.refuse(503, "kafka_unreachable", "no Kafka broker answers");
                  }
                }));
  }

  private void answerMetrics(HttpServerRequest request) {
    Exchange exchange = new Exchange(request, "metrics", metrics);
    exchange.response().putHeader("Content-Type", metrics.contentType());
    exchange.end(200, Buffer.buffer(metrics.scrape()));
  }

  /** One event loop's server instance, with the guard of its connections. */
  private static final class Listener extends AbstractVerticle {
    private final HttpServerOptions options;
    private final CollectorServer server;
    private final Function<Vertx, ConnectionGuard> guards;

    Listener(
        HttpServerOptions options,
        CollectorServer server,
        Function<Vertx, ConnectionGuard> guards) {
      this.options = options;
      this.server = server;
      this.guards = guards;
    }

    @Override
    public void start(Promise<Void> started) {
      // Created here, its sweep runs on this verticle's event loop, with its connections.
      ConnectionGuard guard = guards.apply(vertx);
      HttpServer http =
          vertx
              .createHttpServer(options)
              .connectionHandler(guard::opened)
              .requestHandler(
                  request -> {
                    guard.started(request);
                    server.route(request);
                  });
      http.listen().<Void>mapEmpty().onComplete(started);
    }
  }
}
