package dev.openqoe.trino;

import dev.openqoe.cli.ReadyFile;
import dev.openqoe.warehouse.WarehouseConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qoe trino}: a Trino server on 127.0.0.1 over the warehouse, until Ctrl-C. */
@Command(
    name = "qoe trino",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Runs Trino "
          + TrinoDefaults.VERSION
          + " on 127.0.0.1 with the warehouse as catalog '"
          + TrinoDefaults.CATALOG
          + "' (query qoe.dws.qoe_hour), until Ctrl-C.",
      "The first run downloads the release (821 MB, checked against its SHA-1) into the cache;"
          + " Trino needs Java 24.0.1+ (QOE_TRINO_JAVA_HOME, else the newest in /usr/lib/jvm).",
      ""
    })
public final class TrinoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "${env:" + TrinoDefaults.PORT_VARIABLE + ":-" + TrinoDefaults.PORT + "}",
      description = "HTTP port on 127.0.0.1 (env QOE_TRINO_PORT). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:QOE_DATA_DIR:-data}",
      description =
          "The warehouse's data directory (env QOE_DATA_DIR; the QOE_CATALOG_* variables point"
              + " elsewhere); Trino's configuration, state and log go to DIR/trino. Default:"
              + " ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(
      names = "--ready-file",
      paramLabel = "FILE",
      description =
          "Written once Trino serves (jdbc-url, http-url, trino-pid, pid), removed at exit.")
  Path readyFile;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      defaultValue = "${env:" + TrinoDefaults.CACHE_VARIABLE + "}",
      description =
          "Where the downloaded release is kept (env QOE_TRINO_CACHE_DIR). Default:"
              + " ~/.cache/openqoe/trino.")
  Path cacheDir;

  @Option(
      names = "--heap",
      defaultValue = "${env:" + TrinoDefaults.HEAP_VARIABLE + ":-" + TrinoDefaults.HEAP + "}",
      description = "Trino's maximum heap (env QOE_TRINO_HEAP). Default: ${DEFAULT-VALUE}.")
  String heap;

  public static void main(String[] args) {
    System.exit(new CommandLine(new TrinoCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    if (cacheDir != null) {
      env.put(TrinoDefaults.CACHE_VARIABLE, cacheDir.toString());
    }
    env.put(TrinoDefaults.HEAP_VARIABLE, heap);
    try {
      WarehouseConfig warehouse = WarehouseConfig.fromEnvironment(System.getenv(), dataDir);
      requireWarehouse(warehouse);
      TrinoSettings settings =
          TrinoSettings.prepare(
              warehouse,
              dataDir.resolve("trino"),
              port,
              env,
              line -> {
                err.println("qoe trino: " + line);
                err.flush();
              });
      err.printf(
          "qoe trino: starting Trino %s on Java %s (%s), catalog %s over %s%n",
          TrinoDefaults.VERSION,
          settings.java().version(),
          settings.java().home(),
          TrinoDefaults.CATALOG,
          warehouse.uri());
      err.flush();
      try (TrinoServer trino = TrinoServer.start(settings)) {
        out.print(banner(trino));
        out.flush();
        if (readyFile != null) {
          ReadyFile.announce(
              readyFile,
              Map.of(
                  "jdbc-url",
                  trino.jdbcUrl(),
                  "http-url",
                  trino.httpUrl(),
                  "trino-pid",
                  Long.toString(trino.pid())));
        }
        int exit = trino.waitFor();
        err.println("qoe trino: Trino exited with code " + exit + "; its log: " + trino.log());
        return 1;
      }
    } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
      err.println("qoe trino: " + e.getMessage());
      return 1;
    }
  }

  /** What to connect with, once Trino serves. */
  static String banner(TrinoServer trino) {
    return String.format(
        Locale.ROOT,
        """
        Trino %s ready in %.1f s (pid %d, log %s)
          JDBC    %s   (user: any name, no password; driver io.trino:trino-jdbc:%s)
          web UI  %s/ui/
          CLI     java -jar trino-cli-%s-executable.jar --server %s --catalog %s
                  (the jar: io.trino:trino-cli:%s, classifier 'executable', on Maven Central)
          try     SELECT cdn, SUM(sessions) AS sessions FROM qoe.dws.qoe_hour GROUP BY cdn
        Ctrl-C stops it.
        """,
        TrinoDefaults.VERSION,
        trino.startTime().toMillis() / 1000.0,
        trino.pid(),
        trino.log(),
        trino.jdbcUrl(),
        TrinoDefaults.VERSION,
        trino.httpUrl(),
        TrinoDefaults.VERSION,
        trino.httpUrl(),
        TrinoDefaults.CATALOG,
        TrinoDefaults.VERSION);
  }

  /**
   * An embedded catalog must exist already: Trino would otherwise create an empty SQLite file, and
   * show no tables without saying why.
   */
  private static void requireWarehouse(WarehouseConfig warehouse) {
    if (warehouse.isSqlite()) {
      Path catalog = Path.of(warehouse.uri().substring("jdbc:sqlite:".length()));
      if (!Files.exists(catalog)) {
        throw new IllegalStateException(
            "no warehouse at "
                + catalog
                + ": nothing has written tables there yet (./qoe up or ./qoe pipeline writes"
                + " them); give the data directory with --data-dir or QOE_DATA_DIR");
      }
    }
  }
}
