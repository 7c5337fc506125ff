package dev.openqoe.ingest.kafka;

import dev.openqoe.ingest.core.StorageRoom;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free space of the embedded broker's disk, against a floor. Kafka takes a log directory it
 * cannot write offline, and with none left it halts its process: the embedded broker runs in the
 * collector's JVM, so a full disk would end the collector too. Below the floor the collector
 * refuses new records (503 {@code disk_full}) and answers not ready; above it again, it accepts.
 * Checked every second on a thread of its own, so a request only reads the last answer.
 */
public final class LogDirectoryGuard implements StorageRoom, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LogDirectoryGuard.class);
  static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  private final Path directory;
  private final long floorBytes;
  private final ScheduledExecutorService checks;
  private volatile String shortage;

  private LogDirectoryGuard(Path directory, long floorBytes) {
    this.directory = directory.toAbsolutePath();
    this.floorBytes = floorBytes;
    this.checks =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "qoe-disk-guard");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Watches the disk of {@code directory} (the broker's data directory, which must exist), checked
   * once before this returns and every second after.
   *
   * @param floorBytes the free space under which records are refused; 0 turns the check off
   */
  public static LogDirectoryGuard watching(Path directory, long floorBytes) {
    LogDirectoryGuard guard = new LogDirectoryGuard(directory, floorBytes);
    if (floorBytes == 0) {
      return guard;
    }
    guard.check();
    guard.checks.scheduleWithFixedDelay(
        guard::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return guard;
  }

  @Override
  public String shortage() {
    return shortage;
  }

  void check() {
    String found;
    try {
      FileStore store = Files.getFileStore(directory);
      long free = store.getUsableSpace();
      found =
          free < floorBytes
              ? "the embedded Kafka broker's disk is nearly full: "
                  + directory
                  + " has "
                  + mebibytes(free)
                  + " free ("
                  + free
                  + " bytes), under the floor of "
                  + mebibytes(floorBytes)
                  + " (kafka.embedded-min-free-bytes); records are accepted again once space"
                  + " is freed there"
              : null;
    } catch (IOException | RuntimeException e) {
      found =
          "cannot read the free space of the embedded Kafka broker's disk " + directory + ": " + e;
    }
    String before = shortage;
    shortage = found;
    if (found != null && before == null) {
      LOG.warn("refusing records: {}", found);
    } else if (found == null && before != null) {
      LOG.info(
          "accepting records again: {} is above the floor of {}", directory, mebibytes(floorBytes));
    }
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  @Override
  public void close() {
    checks.shutdownNow();
  }
}
