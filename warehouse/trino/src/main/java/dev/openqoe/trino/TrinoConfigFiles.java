package dev.openqoe.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A single-node Trino's configuration, as Trino's own launcher lays it out in {@code etc/}: {@code
 * node.properties}, {@code config.properties}, {@code jvm.config} and {@code
 * catalog/qoe.properties}. Everything binds and announces 127.0.0.1: {@code node.bind-ip} is the
 * address the HTTP server listens on (airlift's HttpServer binds to it), {@code
 * node.internal-address} the one it announces to its own discovery service, which {@code
 * discovery.uri} reaches on the same port.
 */
public final class TrinoConfigFiles {

  private TrinoConfigFiles() {}

  /**
   * node.properties; Trino's launcher passes these as system properties, and so does {@link
   * TrinoServer}.
   */
  public static Map<String, String> nodeProperties(TrinoSettings settings) {
    Map<String, String> node = new LinkedHashMap<>();
    node.put("node.environment", "openqoe");
    // Stable across restarts, as Trino expects of a node.
    node.put("node.id", "openqoe-" + settings.port());
    node.put("node.data-dir", settings.workDir().resolve("var").toString());
    node.put("node.bind-ip", "127.0.0.1");
    node.put("node.internal-address", "127.0.0.1");
    return node;
  }

  /** config.properties: a coordinator that also runs the queries' tasks. */
  public static Map<String, String> serverProperties(TrinoSettings settings) {
    Map<String, String> server = new LinkedHashMap<>();
    server.put("coordinator", "true");
    server.put("node-scheduler.include-coordinator", "true");
    server.put("http-server.http.port", Integer.toString(settings.port()));
    server.put("discovery.uri", settings.httpUrl());
    server.put("catalog.config-dir", settings.etcDir().resolve("catalog").toString());
    // Only the Iceberg connector: the release's other 58 plugins would take start time and memory.
    server.put("plugin.dir", settings.workDir().resolve("plugin").toString());
    return server;
  }

  /**
   * jvm.config: Trino's recommended flags (its deployment guide) with a heap that suits a small
   * machine instead of 80 % of its memory.
   */
  public static List<String> jvmOptions(TrinoSettings settings) {
    return List.of(
        "-Xmx" + settings.heap(),
        "-XX:+UseG1GC",
        "-XX:+ExplicitGCInvokesConcurrent",
        "-XX:+ExitOnOutOfMemoryError",
        "-XX:-OmitStackTraceInFastThrow",
        "-XX:ReservedCodeCacheSize=256M",
        "-XX:PerMethodRecompilationCutoff=10000",
        "-XX:PerBytecodeRecompilationCutoff=10000",
        "-XX:+EnableDynamicAgentLoading",
        "--enable-native-access=ALL-UNNAMED",
        "-Djdk.attach.allowAttachSelf=true",
        "-Djdk.nio.maxCachedBufferSize=2000000",
        "-Dfile.encoding=UTF-8");
  }

  /** Writes the files under {@link TrinoSettings#etcDir()}; returns config.properties' path. */
  public static Path write(TrinoSettings settings) {
    Path etc = settings.etcDir();
    try {
      Files.createDirectories(etc.resolve("catalog"));
      Files.writeString(etc.resolve("node.properties"), properties(nodeProperties(settings)));
      Path config = etc.resolve("config.properties");
      Files.writeString(config, properties(serverProperties(settings)));
      Files.writeString(etc.resolve("jvm.config"), String.join("\n", jvmOptions(settings)) + "\n");
      Files.writeString(
          etc.resolve("catalog").resolve(TrinoDefaults.CATALOG + ".properties"),
          properties(TrinoCatalog.properties(settings.warehouse())),
          StandardCharsets.UTF_8);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Trino's configuration in " + etc, e);
    }
  }

  /**
   * A properties file as Trino reads it (with java.util.Properties): one {@code key=value} a line,
   * readable as written; only a backslash, Properties' escape character, is escaped.
   */
  static String properties(Map<String, String> values) {
    return values.entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue().replace("\\", "\\\\"))
            .collect(Collectors.joining("\n"))
        + "\n";
  }
}
