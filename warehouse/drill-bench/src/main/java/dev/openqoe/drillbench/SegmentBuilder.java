package dev.openqoe.drillbench;

import dev.openqoe.embedded.EmbeddedPinot;
import dev.openqoe.pinot.PinotHttp;
import dev.openqoe.pinot.PinotTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds and uploads a table's OFFLINE segments from its row files with Pinot's own segment tools
 * (qoe-pinot-server's {@code OfflineSegmentsMain}), in a JVM on Pinot's classpath, never ours. The
 * child is ended by its PID when this process stops first.
 */
final class SegmentBuilder {

  private SegmentBuilder() {}

  /**
   * @param threads segments built at once
   */
  static void build(String controllerUrl, PinotTable table, Path rows, Path workDir, int threads) {
    Path work = workDir.resolve("segments-" + table.tableName());
    Path tableConfig = workDir.resolve(table.tableName() + ".offline.table.json");
    Path schema = workDir.resolve(table.tableName() + ".schema.json");
    Process process = null;
    Thread stop = null;
    try {
      Files.createDirectories(work);
      Files.writeString(tableConfig, PinotHttp.toJson(OfflineTables.offlineConfig(table)));
      Files.writeString(schema, PinotHttp.toJson(table.schema()));
      List<String> command =
          EmbeddedPinot.serverJvm("1g", workDir.toAbsolutePath().resolve("segments.log"));
      command.addAll(
          List.of(
              "dev.openqoe.pinot.server.OfflineSegmentsMain",
              controllerUrl,
              tableConfig.toString(),
              schema.toString(),
              rows.toString(),
              work.toString(),
              String.valueOf(threads)));
      process = new ProcessBuilder(command).inheritIO().start();
      Process child = process;
      stop = new Thread(child::destroyForcibly, "segment-builder-stop");
      Runtime.getRuntime().addShutdownHook(stop);
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            "building the "
                + table.tableName()
                + " segments failed (exit "
                + exit
                + "); Pinot's log: "
                + workDir.resolve("segments.log"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building segments", e);
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (stop != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs now: it ends the child
        }
      }
    }
  }
}
