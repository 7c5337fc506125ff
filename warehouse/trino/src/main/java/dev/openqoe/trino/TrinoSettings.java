package dev.openqoe.trino;

import dev.openqoe.warehouse.WarehouseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a {@link TrinoServer} runs on and serves.
 *
 * @param distribution the unpacked trino-server release ({@link TrinoDistribution#home()})
 * @param java the Java 24.0.1+ runtime it runs on
 * @param warehouse the catalog it serves as Trino catalog {@code qoe}
 * @param workDir where its configuration ({@code etc/}), state ({@code var/}) and log ({@code
 *     var/log/server.log}) go
 * @param port its HTTP port on 127.0.0.1 (clients, web UI and its own discovery)
 * @param heap its maximum heap, in the JVM's notation ({@code 2G}, {@code 1536M})
 * @param startTimeout how long it may take until it serves
 */
public record TrinoSettings(
    Path distribution,
    JavaRuntime java,
    WarehouseConfig warehouse,
    Path workDir,
    int port,
    String heap,
    Duration startTimeout) {

  public static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  public TrinoSettings {
    distribution = distribution.toAbsolutePath();
    workDir = workDir.toAbsolutePath();
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1-65535, got " + port);
    }
    if (!heap.matches("\\d+[KkMmGg]")) {
      throw new IllegalArgumentException(
          "heap must be a size such as 2G or 1536M ("
              + TrinoDefaults.HEAP_VARIABLE
              + "), got '"
              + heap
              + "'");
    }
  }

  /**
   * The settings from the defaults and {@code env} ({@code QOE_TRINO_JAVA_HOME}, {@code
   * QOE_TRINO_CACHE_DIR}, {@code QOE_TRINO_HEAP}), downloading the release first when it is not
   * cached yet (with progress lines to {@code progress}).
   */
  public static TrinoSettings prepare(
      WarehouseConfig warehouse,
      Path workDir,
      int port,
      Map<String, String> env,
      Consumer<String> progress) {
    JavaRuntime java = JavaRuntime.forTrino(env);
    Path distribution = TrinoDistribution.standard(env).install(progress);
    String heap = env.getOrDefault(TrinoDefaults.HEAP_VARIABLE, TrinoDefaults.HEAP);
    return new TrinoSettings(distribution, java, warehouse, workDir, port, heap, START_TIMEOUT);
  }

  public TrinoSettings withHeap(String otherHeap) {
    return new TrinoSettings(distribution, java, warehouse, workDir, port, otherHeap, startTimeout);
  }

  public String jdbcUrl() {
    return TrinoDefaults.jdbcUrl(port);
  }

  public String httpUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Path etcDir() {
    return workDir.resolve("etc");
  }

  public Path log() {
    return workDir.resolve("var").resolve("log").resolve("server.log");
  }
}
