package dev.openqoe.bench.path;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Posts requests as the simulator's players do (ingest key, User-Agent, the viewer's address in
 * X-Forwarded-For), over keep-alive HTTP/1.1 connections of one Vert.x event loop. A 200 names the
 * beacons the collector refused in its body; anything else is a failed request.
 */
final class HttpSender implements Sender {

  private final Vertx vertx;
  private final HttpClient client;
  private final URI endpoint;
  private final String ingestKey;

  HttpSender(URI endpoint, String ingestKey, int connections) {
    this.endpoint = endpoint;
    this.ingestKey = ingestKey;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout(5_000)
                .setIdleTimeout(0),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  @Override
  public void send(
      SessionPool.Session session, SessionPool.Request request, String tag, Done done) {
    int beacons = request.beacons().size();
    Buffer body = Buffer.buffer(request.body(tag.getBytes(StandardCharsets.US_ASCII)));
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(endpoint.getHost())
            .setPort(endpoint.getPort())
            .setURI(endpoint.getRawPath())
            .setTimeout(30_000)
            .putHeader("Content-Type", "application/json")
            .putHeader("X-QoE-Key", ingestKey)
            .putHeader("User-Agent", session.userAgent())
            .putHeader("X-Forwarded-For", session.clientAddress());
    client
        .request(options)
        .compose(
            http ->
                http.send(body)
                    .compose(
                        response ->
                            response
                                .body()
                                .map(answer -> outcome(response.statusCode(), answer, beacons))))
        .onComplete(
            result ->
                done.accept(
                    result.succeeded()
                        ? result.result()
                        : Sender.Outcome.failed(beacons, "request failed: " + result.cause())));
  }

  /**
   * A 200 says how many beacons were refused ({@code "rejected":n}); a bare 204 server says nothing
   * and stored all.
   */
  static Sender.Outcome outcome(int status, Buffer answer, int beacons) {
    if (status == 204) {
      return Sender.Outcome.stored(beacons, 0);
    }
    String text = answer.toString(StandardCharsets.UTF_8);
    if (status != 200) {
      return Sender.Outcome.failed(beacons, status + " " + text.strip());
    }
    int at = text.indexOf("\"rejected\":");
    int rejected = 0;
    if (at >= 0) {
      int start = at + "\"rejected\":".length();
      int end = start;
      while (end < text.length() && Character.isDigit(text.charAt(end))) {
        end++;
      }
      rejected = Integer.parseInt(text.substring(start, end));
    }
    return Sender.Outcome.stored(beacons, rejected);
  }

  @Override
  public AutoCloseable every(long periodMillis, Runnable tick) {
    io.vertx.core.Context loop = vertx.getOrCreateContext();
    long[] timer = new long[1];
    loop.runOnContext(start -> timer[0] = vertx.setPeriodic(periodMillis, id -> tick.run()));
    return () -> loop.runOnContext(stop -> vertx.cancelTimer(timer[0]));
  }

  @Override
  public String target() {
    return endpoint.toString();
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
