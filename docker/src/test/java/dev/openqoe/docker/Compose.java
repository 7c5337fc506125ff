package dev.openqoe.docker;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/docker-compose.yml as data: YAML anchors, aliases and merge keys resolved (as Compose
 * resolves them), {@code ${VAR:-default}} interpolation left as written.
 */
final class Compose {

  static final Path REPOSITORY = Path.of(System.getProperty("qoe.repository", "..")).normalize();
  static final Path DIRECTORY = REPOSITORY.resolve("docker");
  static final Path FILE = DIRECTORY.resolve("docker-compose.yml");

  private final Map<String, Object> root;

  private Compose(Map<String, Object> root) {
    this.root = root;
  }

  static Compose load() throws IOException {
    try (Reader reader = Files.newBufferedReader(FILE)) {
      return new Compose(new Yaml(new LoaderOptions()).load(reader));
    }
  }

  /** A top-level extension field ({@code x-...}), the file's single source of a shared value. */
  String extension(String name) {
    Object value = root.get(name);
    if (value == null) {
      throw new AssertionError("docker-compose.yml has no " + name);
    }
    return value.toString();
  }

  Map<String, Service> services() {
    Map<String, Service> services = new LinkedHashMap<>();
    map(root.get("services"))
        .forEach((name, body) -> services.put(name, new Service(name, map(body))));
    return services;
  }

  Service service(String name) {
    Service service = services().get(name);
    if (service == null) {
      throw new AssertionError("docker-compose.yml has no service " + name);
    }
    return service;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }

  /** One service of the file. */
  record Service(String name, Map<String, Object> body) {

    /** Its environment, values as strings (Compose accepts numbers and booleans there too). */
    Map<String, String> environment() {
      Map<String, String> environment = new LinkedHashMap<>();
      map(body.get("environment"))
          .forEach((key, value) -> environment.put(key, String.valueOf(value)));
      return environment;
    }

    String env(String key) {
      String value = environment().get(key);
      if (value == null) {
        throw new AssertionError(name + " sets no " + key);
      }
      return value;
    }

    Optional<String> image() {
      return Optional.ofNullable((String) body.get("image"));
    }

    boolean hasBuild() {
      return body.containsKey("build");
    }

    Optional<Map<String, Object>> healthcheck() {
      return Optional.ofNullable(body.get("healthcheck")).map(Compose::map);
    }

    /** One-shot init steps: never restarted, so they exit once their work is done. */
    boolean oneShot() {
      return "no".equals(String.valueOf(body.get("restart")));
    }

    /** depends_on target -> condition. */
    Map<String, String> dependsOn() {
      Map<String, String> conditions = new LinkedHashMap<>();
      map(body.get("depends_on"))
          .forEach(
              (target, spec) -> conditions.put(target, String.valueOf(map(spec).get("condition"))));
      return conditions;
    }

    /** "host-ip:host-port:container-port" entries. */
    List<String> ports() {
      return list(body.get("ports")).stream().map(String::valueOf).toList();
    }

    List<String> volumes() {
      return list(body.get("volumes")).stream().map(String::valueOf).toList();
    }

    List<String> command() {
      return list(body.get("command")).stream().map(String::valueOf).toList();
    }

    /** The value following {@code flag} in the command, e.g. a Pinot {@code -controllerPort}. */
    String commandOption(String flag) {
      List<String> command = command();
      int at = command.indexOf(flag);
      if (at < 0 || at + 1 >= command.size()) {
        throw new AssertionError(name + "'s command has no " + flag + " value: " + command);
      }
      return command.get(at + 1);
    }
  }
}
