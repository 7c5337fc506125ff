package dev.openqoe.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Java installation to run Trino on. Trino 476 refuses to start on anything older than Java
 * 24.0.1, while every other {@code qoe} command runs on Java 17, so Trino gets a JDK of its own:
 * {@code $QOE_TRINO_JAVA_HOME}, else the running JVM when it is new enough, else the newest one in
 * {@code /usr/lib/jvm} (where Debian packages and Temurin's put theirs).
 */
public record JavaRuntime(Path home, Runtime.Version version) {

  /** The oldest Java Trino 476 starts on (its own TrinoSystemRequirements check). */
  public static final Runtime.Version MINIMUM = Runtime.Version.parse("24.0.1");

  public static final Path SYSTEM_JVMS = Path.of("/usr/lib/jvm");

  public Path launcher() {
    return home.resolve("bin").resolve("java");
  }

  /**
   * The runtime for Trino in this environment.
   *
   * @throws IllegalStateException saying what to install, when there is none
   */
  public static JavaRuntime forTrino(Map<String, String> env) {
    String configured = env.get(TrinoDefaults.JAVA_HOME_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      JavaRuntime runtime =
          at(Path.of(configured))
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          TrinoDefaults.JAVA_HOME_VARIABLE
                              + "="
                              + configured
                              + " is not a Java installation (no bin/java and release file)"));
      if (runtime.version().compareTo(MINIMUM) < 0) {
        throw new IllegalStateException(
            TrinoDefaults.JAVA_HOME_VARIABLE
                + "="
                + configured
                + " is Java "
                + runtime.version()
                + "; Trino "
                + TrinoDefaults.VERSION
                + " needs Java "
                + MINIMUM
                + " or newer");
      }
      return runtime;
    }
    List<JavaRuntime> candidates = new ArrayList<>();
    at(Path.of(System.getProperty("java.home"))).ifPresent(candidates::add);
    candidates.addAll(installedIn(SYSTEM_JVMS));
    return newestSuitable(candidates)
        .orElseThrow(() -> new IllegalStateException(noneFound(candidates)));
  }

  /** The newest of {@code candidates} that Trino starts on. */
  static Optional<JavaRuntime> newestSuitable(List<JavaRuntime> candidates) {
    return candidates.stream()
        .filter(runtime -> runtime.version().compareTo(MINIMUM) >= 0)
        .max(Comparator.comparing(JavaRuntime::version));
  }

  /** The Java installations directly under {@code dir}. */
  static List<JavaRuntime> installedIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> homes = Files.list(dir)) {
      return homes.sorted().map(JavaRuntime::at).flatMap(Optional::stream).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /**
   * The installation at {@code home}, from its {@code release} file (present in every JDK and JRE
   * since Java 9), or empty when {@code home} is none.
   */
  static Optional<JavaRuntime> at(Path home) {
    Path release = home.resolve("release");
    if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "").strip();
          return Optional.of(
              new JavaRuntime(home.toAbsolutePath(), Runtime.Version.parse(version)));
        }
      }
    } catch (IOException | IllegalArgumentException unreadable) {
      // not an installation we can tell the version of: not a candidate
    }
    return Optional.empty();
  }

  private static String noneFound(List<JavaRuntime> candidates) {
    String seen =
        candidates.isEmpty()
            ? "none in " + SYSTEM_JVMS
            : String.join(
                ", ",
                candidates.stream()
                    .distinct()
                    .map(runtime -> runtime.home() + " (" + runtime.version() + ")")
                    .toList());
    return "Trino "
        + TrinoDefaults.VERSION
        + " needs Java "
        + MINIMUM
        + " or newer, and there is none here (found: "
        + seen
        + "). Install a JDK 25, e.g. Eclipse Temurin 25 (package temurin-25-jdk from Adoptium's"
        + " Debian/Ubuntu repository, which puts it in "
        + SYSTEM_JVMS
        + "), or set "
        + TrinoDefaults.JAVA_HOME_VARIABLE
        + " to a JDK 24.0.1+ directory. Other qoe commands keep running on Java 17.";
  }
}
