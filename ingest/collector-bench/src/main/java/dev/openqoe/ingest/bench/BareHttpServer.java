package dev.openqoe.ingest.bench;

import dev.openqoe.ingest.http.CollectorServer;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

/**
 * The HTTP ceiling: the collector's stack (Vert.x, same event-loop count, same server options)
 * reading each request body and answering 204 without any work. Also the ceiling of {@code qoe
 * bench-path}'s load generator.
 */
public final class BareHttpServer implements AutoCloseable {

  private final Vertx vertx;

  private BareHttpServer(Vertx vertx) {
    this.vertx = vertx;
  }

  public static BareHttpServer start(int port, int eventLoops) {
    Vertx vertx = CollectorServer.newVertx(eventLoops);
    HttpServerOptions options =
        new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true);
    vertx
        .deployVerticle(
            () ->
                new AbstractVerticle() {
                  @Override
                  public void start(Promise<Void> started) {
                    vertx
                        .createHttpServer(options)
                        .requestHandler(
                            request ->
                                request
                                    .body()
                                    .onComplete(
                                        body -> request.response().setStatusCode(204).end()))
                        .listen()
                        .<Void>mapEmpty()
                        .onComplete(started);
                  }
                },
            new DeploymentOptions().setInstances(eventLoops))
        .toCompletionStage()
        .toCompletableFuture()
        .join();
    return new BareHttpServer(vertx);
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
