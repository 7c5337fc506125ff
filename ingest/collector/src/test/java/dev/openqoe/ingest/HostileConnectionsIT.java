package dev.openqoe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Slow and abusive connections (issue 20, item 4): slow headers, slow bodies, idle sockets, too
 * many connections, header floods and HTTP/2 cleartext upgrades are bounded and closed, and good
 * beacons keep their latency while 2,000 slow sockets are open.
 */
class HostileConnectionsIT {

  private static final String HEAD =
      "POST /v1/beacons HTTP/1.1\r\nHost: collector\r\nX-QoE-Key: test-key\r\n"
          + "Content-Type: application/json\r\n";

  @Test
  void closesAConnectionThatTricklesItsHeadersOrSendsNothing() throws Exception {
    try (TestCollector collector = TestCollector.start("--request-head-timeout-ms=1000");
        Socket slow = connect(collector);
        Socket idle = connect(collector)) {
      long start = System.nanoTime();
      OutputStream out = slow.getOutputStream();
      out.write(bytes("POST /v1/beacons HTTP/1.1\r\nHost: collector\r\n"));
      // A header byte every 200 ms: never idle, never done.
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !writeByte(out));
      double closedAfter = (System.nanoTime() - start) / 1e9;

      System.out.printf("slow headers: connection closed after %.1f s%n", closedAfter);
      assertThat(closedAfter).isBetween(0.9, 8.0);
      await().atMost(Duration.ofSeconds(5)).until(() -> isClosedByServer(idle));
    }
  }

  @Test
  void answers408AndClosesWhenABodyTricklesIn() throws Exception {
    try (TestCollector collector = TestCollector.start("--request-body-timeout-ms=1000");
        Socket slow = connect(collector)) {
      OutputStream out = slow.getOutputStream();
      out.write(bytes(HEAD + "Content-Length: 1000\r\n\r\n{\"events\":["));
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !writeByte(out));

      String answer = readAll(slow);
      assertThat(answer).startsWith("HTTP/1.1 408 ").contains("\"error\":\"request_timeout\"");
    }
  }

  @Test
  void closesConnectionsOverTheLimitAndServesAgainOnceTheyGo() throws Exception {
    try (TestCollector collector = TestCollector.start("--max-connections=20")) {
      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < 30; i++) {
          sockets.add(connect(collector));
        }
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    sockets.stream().filter(HostileConnectionsIT::isClosedByServer).count() >= 10);
        assertThat(sockets.stream().filter(HostileConnectionsIT::isClosedByServer).count())
            .isEqualTo(10);
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  collector.postBeacons(Beacons.event(Beacons.sessionId(), 0, "end")).statusCode()
                      == 200);
    }
  }

  @Test
  void refusesAHeaderFloodWith431() throws Exception {
    try (TestCollector collector = TestCollector.start();
        Socket socket = connect(collector)) {
      StringBuilder head = new StringBuilder(HEAD);
      for (int i = 0; i < 200; i++) {
        head.append("X-Flood-").append(i).append(": ").append("x".repeat(90)).append("\r\n");
      }
      socket.getOutputStream().write(bytes(head + "Content-Length: 2\r\n\r\n{}"));

      assertThat(readAll(socket)).startsWith("HTTP/1.1 431 ");
    }
  }

  @Test
  void answersAnH2cUpgradeInHttp11UnlessConfigured() throws Exception {
    String upgrade =
        "GET /healthz HTTP/1.1\r\nHost: collector\r\nConnection: Upgrade, HTTP2-Settings\r\n"
            + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n";
    try (TestCollector collector = TestCollector.start();
        Socket socket = connect(collector)) {
      socket.getOutputStream().write(bytes(upgrade));
      socket.shutdownOutput();

      assertThat(readAll(socket)).startsWith("HTTP/1.1 200 ");
    }
    try (TestCollector collector = TestCollector.start();
        Socket socket = connect(collector)) {
      // HTTP/2 with prior knowledge starts with its preface, which HTTP/1.1 cannot parse.
      socket.getOutputStream().write(bytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
      socket.shutdownOutput();

      assertThat(readAll(socket)).doesNotContain("200");
    }
    try (TestCollector collector = TestCollector.start("--http2-cleartext=true");
        Socket socket = connect(collector)) {
      socket.getOutputStream().write(bytes(upgrade));

      assertThat(readStatusLine(socket)).startsWith("HTTP/1.1 101 ");
    }
  }

  @Test
  void goodBeaconsKeepTheirLatencyWhile2000SlowSocketsAreOpen() throws Exception {
    try (TestCollector collector = TestCollector.start("--request-head-timeout-ms=120000")) {
      GoodTraffic.p99Millis(collector, 200);
      double before = GoodTraffic.p99Millis(collector, 500);
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 2_000; i++) {
          Socket socket = connect(collector);
          socket.getOutputStream().write(bytes("POST /v1/beacons HTTP/1.1\r\nX-Slow: "));
          slow.add(socket);
        }
        // Each keeps trickling, a byte a second as slowloris does, while good beacons are sent.
        Thread trickle =
            new Thread(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    long next = System.nanoTime() + 1_000_000_000L;
                    for (Socket socket : slow) {
                      if (!writeByte(socketStream(socket))) {
                        return;
                      }
                    }
                    LockSupport.parkNanos(next - System.nanoTime());
                  }
                });
        trickle.setDaemon(true);
        trickle.start();
        double during = GoodTraffic.p99Millis(collector, 500);
        trickle.interrupt();
        long open = slow.stream().filter(socket -> !isClosedByServer(socket)).count();

        System.out.printf(
            "slow sockets: good-beacon p99 %.2f ms before, %.2f ms with %d of 2000 slow sockets"
                + " open%n",
            before, during, open);
        assertThat(open).isEqualTo(2_000);
        // The bound is generous: the point is no collapse, and the machine is shared.
        assertThat(during).isLessThan(1_000);
      } finally {
        for (Socket socket : slow) {
          socket.close();
        }
      }
    }
  }

  private static Socket connect(TestCollector collector) throws IOException {
    URI url = URI.create(collector.url("/"));
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", url.getPort()), 5_000);
    socket.setSoTimeout(15_000);
    return socket;
  }

  private static OutputStream socketStream(Socket socket) {
    try {
      return socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one byte of a header value; false once the server has closed the connection. */
  private static boolean writeByte(OutputStream out) {
    try {
      out.write('a');
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the server closed the connection: a read ends (or is reset) without data pending. */
  private static boolean isClosedByServer(Socket socket) {
    try {
      socket.setSoTimeout(1);
      return socket.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readAll(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  private static String readStatusLine(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      line.append((char) b);
    }
    return line.toString();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
