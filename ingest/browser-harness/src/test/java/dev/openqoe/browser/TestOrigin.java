package dev.openqoe.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The web origin the players load from, on 127.0.0.1: the harness pages ({@code /<name>.html},
 * {@code /harness/*}), the player libraries from node_modules ({@code /lib/*}), directories mounted
 * under a prefix (the SDK's build under {@code /sdk/}) and the test media ({@code
 * /media/<run>/<path under the media root>}, the same files for every run). Per run it can hold
 * chosen media files until the page has been stalled for a set time (so a stall has a known
 * length), sending a first part of each at once (a progressive file that stops mid-way), and answer
 * 404 for chosen files. It records every request, and mirrors request-mode CMCD data (the {@code
 * CMCD} query parameter, the {@code CMCD-*} headers) to the collector as {@code GET
 * /v1/cmcd?k=<key>}, as a CDN would, before it answers the media request. Media files are served
 * with byte ranges, as a CDN serves progressive MP4.
 */
public final class TestOrigin implements AutoCloseable {

  /** One request the origin served. */
  public record OriginRequest(
      long arrivedNanos,
      String method,
      String path,
      String rawQuery,
      Map<String, String> cmcdHeaders,
      long heldMillis,
      int mirroredStatus) {}

  /**
   * Media files (paths under the media root) held back in a run: the bytes before {@code
   * sendFirstFraction} of each file go out at once, the bytes from there on once the page has been
   * stalled for {@code releaseAfterStall} (a range that starts past that point waits whole); only a
   * stall that begins while a held file is awaited counts. The release comes never later than
   * {@value #HOLD_LIMIT_SECONDS} s after the request, so a page that never stalls is not held for
   * ever.
   */
  public record Hold(Set<String> files, double sendFirstFraction, Duration releaseAfterStall) {
    public static final Hold NONE = new Hold(Set.of(), 0, Duration.ZERO);
  }

  /**
   * What the origin does for one run: mirror request-mode CMCD or not, hold which files, answer 404
   * for which files, and corrupt which (paths under the media root): a corrupt file is served with
   * every byte inverted, so no container parser finds a box or a sync byte in it.
   */
  public record RunPlan(
      String runId,
      boolean mirrorRequestCmcd,
      Hold hold,
      Set<String> notFound,
      Set<String> corrupt) {

    /** Holds {@code heldSegments} whole until the page has been stalled for {@code stallLength}. */
    public RunPlan(
        String runId, boolean mirrorRequestCmcd, List<String> heldSegments, Duration stallLength) {
      this(
          runId,
          mirrorRequestCmcd,
          new Hold(Set.copyOf(heldSegments), 0, stallLength),
          Set.of(),
          Set.of());
    }
  }

  private static final Map<String, String> LIBRARIES =
      Map.of(
          "dash.all.debug.js", "node_modules/dashjs/dist/modern/umd/dash.all.debug.js",
          "dash.all.min.js", "node_modules/dashjs/dist/modern/umd/dash.all.min.js",
          // the debug build: the release build of 5.2.12 sends no sta in CMCD v2
          "shaka-player.compiled.debug.js",
              "node_modules/shaka-player/dist/shaka-player.compiled.debug.js",
          "shaka-player.compiled.js", "node_modules/shaka-player/dist/shaka-player.compiled.js",
          "hls.min.js", "node_modules/hls.js/dist/hls.min.js");
  private static final int HOLD_LIMIT_SECONDS = 20;
  private static final Duration HOLD_LIMIT = Duration.ofSeconds(HOLD_LIMIT_SECONDS);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final ScheduledExecutorService releases = Executors.newSingleThreadScheduledExecutor();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Path browserDir;
  private final Path mediaRoot;
  private final Map<String, Path> mounts = new ConcurrentHashMap<>();
  private final Map<String, RunState> runs = new ConcurrentHashMap<>();
  private final List<OriginRequest> requests = new ArrayList<>();
  private volatile String cmcdMirrorUrl;

  private static final class RunState {
    final RunPlan plan;
    boolean released;
    Long stalledAtNanos;
    final List<Runnable> held = new ArrayList<>();

    RunState(RunPlan plan) {
      this.plan = plan;
    }
  }

  private TestOrigin(Path browserDir, Path mediaRoot) throws IOException {
    this.browserDir = browserDir;
    this.mediaRoot = mediaRoot.toAbsolutePath().normalize();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::serve);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * Starts an origin serving the pages and libraries under {@code browserDir} (src/test/browser,
   * with node_modules installed) and the media files under {@code mediaRoot}.
   */
  public static TestOrigin start(Path browserDir, Path mediaRoot) {
    try {
      return new TestOrigin(browserDir, mediaRoot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves the files of {@code directory} (not its subdirectories) under {@code /<prefix>/}. */
  public void mount(String prefix, Path directory) {
    mounts.put("/" + prefix + "/", directory.toAbsolutePath().normalize());
  }

  /** The origin as a browser names it: http://127.0.0.1:port. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Where request-mode CMCD data is mirrored: the collector's (or a tap's) {@code
   * /v1/cmcd?k=<key>}.
   */
  public void mirrorCmcdTo(String url) {
    this.cmcdMirrorUrl = url;
  }

  public void plan(RunPlan plan) {
    runs.put(plan.runId(), new RunState(plan));
  }

  /** Every request of a run (under /media/<run>/ or naming it), in arrival order. */
  public synchronized List<OriginRequest> requestsOf(String runId) {
    return requests.stream().filter(r -> r.path().startsWith("/media/" + runId + "/")).toList();
  }

  private void serve(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    URI uri = exchange.getRequestURI();
    String path = uri.getPath();
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    if (path.equals("/harness/stalled")) {
      String run = queryParameter(uri, "run");
      stalled(run);
      record(arrived, exchange, Map.of(), 0, 0);
      respond(exchange, 204, null, null);
      return;
    }
    if (path.matches("/[a-z-]+\\.html")) {
      record(arrived, exchange, Map.of(), 0, 0);
      respondFile(exchange, browserDir.resolve("page").resolve(path.substring(1)));
      return;
    }
    for (Map.Entry<String, Path> mount : mounts.entrySet()) {
      if (path.startsWith(mount.getKey())) {
        record(arrived, exchange, Map.of(), 0, 0);
        respondFile(exchange, mount.getValue().resolve(fileName(path, mount.getKey())));
        return;
      }
    }
    if (path.startsWith("/harness/")) {
      record(arrived, exchange, Map.of(), 0, 0);
      respondFile(exchange, browserDir.resolve("page").resolve(fileName(path, "/harness/")));
      return;
    }
    if (path.startsWith("/lib/")) {
      record(arrived, exchange, Map.of(), 0, 0);
      String library = LIBRARIES.get(fileName(path, "/lib/"));
      if (library == null) {
        respond(exchange, 404, null, null);
      } else {
        respondFile(exchange, browserDir.resolve(library));
      }
      return;
    }
    if (path.startsWith("/media/")) {
      serveMedia(arrived, exchange, path);
      return;
    }
    record(arrived, exchange, Map.of(), 0, 0);
    respond(exchange, 404, null, null);
  }

  private void serveMedia(long arrived, HttpExchange exchange, String path) throws IOException {
    String[] parts = path.split("/", 4);
    if (parts.length != 4) {
      respond(exchange, 404, null, null);
      return;
    }
    String runId = parts[2];
    String file = parts[3];
    RunState run = runs.get(runId);
    Map<String, String> cmcdHeaders = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (name.toLowerCase(Locale.ROOT).startsWith("cmcd-")) {
                cmcdHeaders.put(
                    CollectorTap.canonicalCmcdHeader(name.toLowerCase(Locale.ROOT)),
                    String.join(",", values));
              }
            });
    String rawQuery = exchange.getRequestURI().getRawQuery();
    int mirrored = 0;
    if (run != null
        && run.plan.mirrorRequestCmcd()
        && (CollectorTap.cmcdQueryValue(rawQuery) != null || !cmcdHeaders.isEmpty())) {
      mirrored = mirror(rawQuery, cmcdHeaders, path);
    }
    Path target = mediaRoot.resolve(file).normalize();
    if (!target.startsWith(mediaRoot)
        || !Files.isRegularFile(target)
        || (run != null && run.plan.notFound().contains(file))) {
      record(arrived, exchange, cmcdHeaders, 0, mirrored);
      respond(exchange, 404, null, null);
      return;
    }
    ByteRange range =
        ByteRange.of(exchange.getRequestHeaders().getFirst("Range"), Files.size(target));
    boolean hold = false;
    if (run != null) {
      synchronized (run) {
        // every request for a held file (a rendition switch asks again from the other rendition)
        // waits until the release; later requests are served at once
        hold = !run.released && run.plan.hold().files().contains(file);
      }
    }
    if (run != null && run.plan.corrupt().contains(file)) {
      record(arrived, exchange, cmcdHeaders, 0, mirrored);
      byte[] body = Files.readAllBytes(target);
      for (int i = 0; i < body.length; i++) {
        body[i] = (byte) ~body[i];
      }
      respond(exchange, 200, contentType(file), body);
      return;
    }
    if (!hold) {
      record(arrived, exchange, cmcdHeaders, 0, mirrored);
      respondMedia(exchange, target, range, range.length());
      return;
    }
    Hold plan = run.plan.hold();
    long sentAtOnce =
        Math.max(0, Math.round(range.total() * plan.sendFirstFraction()) - range.first());
    OutputStream held = sentAtOnce > 0 ? startMedia(exchange, target, range, sentAtOnce) : null;
    int mirroredStatus = mirrored;
    Runnable release =
        () -> {
          try {
            record(
                arrived,
                exchange,
                cmcdHeaders,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrived),
                mirroredStatus);
            if (held == null) {
              respondMedia(exchange, target, range, range.length());
            } else {
              finishMedia(exchange, held, target, range, sentAtOnce);
            }
          } catch (IOException e) {
            exchange.close();
          }
        };
    synchronized (run) {
      run.held.add(release);
    }
    // never hold forever: a page that does not stall still gets its file
    releases.schedule(() -> releaseHeld(run), HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void stalled(String runId) {
    RunState run = runId == null ? null : runs.get(runId);
    if (run == null) {
      return;
    }
    synchronized (run) {
      // only a stall while a held file is awaited is the one the origin makes; a player may stall
      // before (Shaka did, right after its first frame, under load)
      if (run.stalledAtNanos != null || run.held.isEmpty()) {
        return;
      }
      run.stalledAtNanos = System.nanoTime();
    }
    releases.schedule(
        () -> releaseHeld(run),
        run.plan.hold().releaseAfterStall().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void releaseHeld(RunState run) {
    List<Runnable> due;
    synchronized (run) {
      run.released = true;
      due = List.copyOf(run.held);
      run.held.clear();
    }
    due.forEach(executor::execute);
  }

  private int mirror(String rawQuery, Map<String, String> cmcdHeaders, String mediaPath) {
    String target = cmcdMirrorUrl;
    if (target == null) {
      return 0;
    }
    String cmcdParameter = null;
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (pair.startsWith("CMCD=")) {
          cmcdParameter = pair; // as the browser encoded it, not re-encoded
        }
      }
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(target + (cmcdParameter == null ? "" : "&" + cmcdParameter)))
            .timeout(Duration.ofSeconds(30))
            .header("X-Harness-Media-Path", mediaPath)
            .GET();
    cmcdHeaders.forEach(request::header);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private synchronized void record(
      long arrived,
      HttpExchange exchange,
      Map<String, String> cmcdHeaders,
      long heldMillis,
      int mirroredStatus) {
    requests.add(
        new OriginRequest(
            arrived,
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            Map.copyOf(cmcdHeaders),
            heldMillis,
            mirroredStatus));
  }

  private static String fileName(String path, String prefix) {
    String name = path.substring(prefix.length());
    return name.contains("/") || name.contains("..") ? "-" : name;
  }

  private static String queryParameter(URI uri, String name) {
    String query = uri.getQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return null;
  }

  /** Answers a byte range of a media file whole (200, or 206 for a Range request). */
  private static void respondMedia(HttpExchange exchange, Path file, ByteRange range, long length)
      throws IOException {
    try (exchange) {
      OutputStream out = startMedia(exchange, file, range, length);
      out.close();
    }
  }

  /**
   * Sends the headers of a media answer and the first {@code sentAtOnce} bytes of {@code range};
   * the rest follows with {@link #finishMedia}.
   */
  private static OutputStream startMedia(
      HttpExchange exchange, Path file, ByteRange range, long sentAtOnce) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType(file.getFileName().toString()));
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
    if (range.partial()) {
      exchange.getResponseHeaders().set("Content-Range", range.contentRange());
    }
    exchange.sendResponseHeaders(range.partial() ? 206 : 200, range.length());
    OutputStream out = exchange.getResponseBody();
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      channel.position(range.first());
      out.write(read(channel, Math.min(sentAtOnce, range.length())));
    }
    out.flush();
    return out;
  }

  private static void finishMedia(
      HttpExchange exchange, OutputStream out, Path file, ByteRange range, long sent)
      throws IOException {
    try (exchange;
        SeekableByteChannel channel = Files.newByteChannel(file)) {
      channel.position(range.first() + sent);
      out.write(read(channel, range.length() - sent));
      out.close();
    }
  }

  private static byte[] read(SeekableByteChannel channel, long length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, length));
    while (buffer.hasRemaining() && channel.read(buffer) > 0) {
      // until the range is read
    }
    return buffer.array();
  }

  private static void respondFile(HttpExchange exchange, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      respond(exchange, 404, null, null);
      return;
    }
    respond(exchange, 200, contentType(file.getFileName().toString()), Files.readAllBytes(file));
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    try (exchange) {
      if (contentType != null) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
      }
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if (exchange.getRequestMethod().equals("HEAD") || body == null || body.length == 0) {
        exchange.sendResponseHeaders(status, -1);
      } else {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
      }
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    } else if (name.endsWith(".js") || name.endsWith(".mjs")) {
      return "text/javascript; charset=utf-8";
    } else if (name.endsWith(".mpd")) {
      return "application/dash+xml";
    } else if (name.endsWith(".m3u8")) {
      return "application/vnd.apple.mpegurl";
    } else if (name.endsWith(".ts")) {
      return "video/mp2t";
    } else if (name.endsWith(".m4s") || name.endsWith(".mp4")) {
      return name.contains("-" + DashStream.AUDIO_REPRESENTATION + "-")
              || name.equals("init-" + DashStream.AUDIO_REPRESENTATION + ".m4s")
          ? "audio/mp4"
          : "video/mp4";
    }
    return "application/octet-stream";
  }

  @Override
  public void close() {
    server.stop(0);
    releases.shutdownNow();
    executor.shutdownNow();
  }
}
