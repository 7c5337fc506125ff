package dev.openqoe.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The SQLite JDBC driver for Trino's Iceberg plugin, which ships drivers for PostgreSQL and MySQL
 * but not SQLite, the embedded catalog's database: the very jar on this process's classpath (the
 * version the writers use), copied into the plugin's directory, where the plugin's class loader
 * finds it.
 */
final class SqliteDriverJar {

  private SqliteDriverJar() {}

  /** Copies the driver into {@code pluginDir} unless it is there already. */
  static void installInto(Path pluginDir) {
    Path jar = ourJar();
    Path target = pluginDir.resolve(jar.getFileName());
    if (Files.exists(target)) {
      return;
    }
    try {
      Path partial = pluginDir.resolve(jar.getFileName() + ".partial");
      Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the SQLite JDBC driver into " + pluginDir, e);
    }
  }

  private static Path ourJar() {
    Path location;
    try {
      location =
          Path.of(
              org.sqlite.JDBC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the SQLite JDBC driver's jar", e);
    }
    if (!Files.isRegularFile(location) || !location.getFileName().toString().endsWith(".jar")) {
      throw new IllegalStateException(
          "the SQLite JDBC driver was loaded from "
              + location
              + ", not from its own jar; run qoe trino on its module's runtime classpath");
    }
    return location;
  }
}
