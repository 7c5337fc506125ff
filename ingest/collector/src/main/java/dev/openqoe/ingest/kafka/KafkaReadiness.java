package dev.openqoe.ingest.kafka;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Answers /readyz: whether a Kafka broker answered a cluster description recently. Probes at most
 * once per second however often readiness is asked, so a probe storm cannot load Kafka.
 */
public final class KafkaReadiness implements AutoCloseable {

  private static final long MIN_PROBE_INTERVAL_NANOS = 1_000_000_000L;
  private static final int PROBE_TIMEOUT_MS = 1_000;

  private final Admin admin;
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile boolean ready;
  private volatile long lastProbeNanos = System.nanoTime() - 2 * MIN_PROBE_INTERVAL_NANOS;

  public KafkaReadiness(String bootstrapServers) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "qoe-collector-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000));
  }

  /** Calls {@code answer} with the readiness, probing first when the last probe is stale. */
  public void check(Consumer<Boolean> answer) {
    if (System.nanoTime() - lastProbeNanos < MIN_PROBE_INTERVAL_NANOS
        || !probing.compareAndSet(false, true)) {
      answer.accept(ready);
      return;
    }
    admin
        .describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MS))
        .nodes()
        .whenComplete(
            (nodes, error) -> {
              ready = error == null && !nodes.isEmpty();
              lastProbeNanos = System.nanoTime();
              probing.set(false);
              answer.accept(ready);
            });
  }

  @Override
  public void close() {
    admin.close();
  }
}
