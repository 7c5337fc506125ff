package dev.openqoe.stack.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.openqoe.cli.ReadyFile;
import dev.openqoe.process.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {

  @TempDir Path dir;

  @Test
  void httpReadinessIsA2xxAnswer() throws Exception {
    AtomicInteger status = new AtomicInteger(503);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/readyz",
        exchange -> {
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    server.start();
    try {
      Readiness readiness =
          new Readiness.HttpOk(
              URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/readyz"));

      assertThat(readiness.check()).isFalse();
      status.set(200);
      assertThat(readiness.check()).isTrue();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void nothingListeningIsNotReady() throws Exception {
    int port = FreePorts.onLoopback();

    assertThat(new Readiness.HttpOk(URI.create("http://127.0.0.1:" + port + "/readyz")).check())
        .isFalse();
  }

  @Test
  void fileReadinessIsTheReadyFile() throws Exception {
    Path file = dir.resolve("pinot.ready");
    Readiness readiness = new Readiness.FileWritten(file);

    assertThat(readiness.check()).isFalse();
    ReadyFile.announce(file, Map.of("broker", "http://127.0.0.1:8099"));
    assertThat(readiness.check()).isTrue();
  }
}
