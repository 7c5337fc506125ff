package dev.openqoe.stack.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.openqoe.lag.LagMetrics;
import dev.openqoe.lag.PartitionLag;
import dev.openqoe.lag.TopicLag;
import dev.openqoe.lag.WatchedTopic;
import dev.openqoe.process.FreePorts;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagStatusLineTest {

  @Test
  void summarisesTheMetricsTheLagMonitorServes() throws Exception {
    LagMetrics metrics = new LagMetrics();
    long now = System.currentTimeMillis();
    metrics.measured(
        new TopicLag(
            WatchedTopic.group("qoe-pipeline-beacons", "qoe.beacons.v1"),
            List.of(new PartitionLag(0, 95, 0, 100, now - 1_500)),
            604_800_000,
            now),
        false,
        0);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = metrics.render().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      String line =
          new LagStatusLine(
                  URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics"))
              .get();

      assertThat(line)
          .isEqualTo(
              "lag: Kafka groups 1.5 s (worst: qoe-pipeline-beacons on qoe.beacons.v1, 5 records"
                  + " unread); retention ok");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aMonitorThatDoesNotAnswerIsSaidSo() {
    URI nobody = URI.create("http://127.0.0.1:" + FreePorts.onLoopback() + "/metrics");

    assertThat(new LagStatusLine(nobody).get())
        .isEqualTo(
            "lag: the lag monitor does not answer at " + nobody + " (nothing listens there)");
  }
}
