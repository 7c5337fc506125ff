package dev.openqoe.trino;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The defaults of {@code qoe trino} in one place, each with the environment variable that overrides
 * it.
 */
public final class TrinoDefaults {

  /** The Trino release we run: the one whose settings were checked against our catalog. */
  public static final String VERSION = "476";

  /** Where the release is published; its {@code .sha1} lies beside it. */
  public static final URI MAVEN_CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");

  public static final int PORT = 8085;

  /** The catalog name analysts query under: {@code qoe.dws.qoe_hour}. */
  public static final String CATALOG = "qoe";

  /**
   * Trino's heap. Beside the embedded stack (~2.3 GiB) on a 2-core 24 GiB box, 2 GiB leaves room
   * for both; Trino keeps 30 % of it as headroom and lets one query use 30 %.
   */
  public static final String HEAP = "2G";

  public static final String PORT_VARIABLE = "QOE_TRINO_PORT";
  public static final String CACHE_VARIABLE = "QOE_TRINO_CACHE_DIR";
  public static final String JAVA_HOME_VARIABLE = "QOE_TRINO_JAVA_HOME";
  public static final String HEAP_VARIABLE = "QOE_TRINO_HEAP";

  private TrinoDefaults() {}

  /**
   * Where downloaded releases are kept: {@code $QOE_TRINO_CACHE_DIR}, else {@code
   * $XDG_CACHE_HOME/openqoe/trino}, else {@code ~/.cache/openqoe/trino}; each release unpacks into
   * a directory named by its version there.
   */
  public static Path cacheDir(Map<String, String> env) {
    String configured = env.get(CACHE_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("openqoe").resolve("trino");
  }

  /** The JDBC URL of a Trino on 127.0.0.1 at {@code port}, catalog {@link #CATALOG}. */
  public static String jdbcUrl(int port) {
    return "jdbc:trino://127.0.0.1:" + port + "/" + CATALOG;
  }
}
