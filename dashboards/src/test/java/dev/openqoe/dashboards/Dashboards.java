package dev.openqoe.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The dashboard JSON files and the Grafana provisioning of this module, as the tests read them. */
public final class Dashboards {

  static final Path JSON_DIR = Path.of("json");
  static final Path DATASOURCE = Path.of("provisioning/datasources/pinot.yaml");
  static final Path PROVIDER = Path.of("provisioning/dashboards/openqoe.yaml");
  static final String PLUGIN_ID = "startree-pinot-datasource";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One dashboard file. */
  public record Dashboard(String file, JsonNode json) {

    public List<JsonNode> panels() {
      List<JsonNode> panels = new ArrayList<>();
      json.path("panels").forEach(panels::add);
      return panels;
    }

    public List<JsonNode> variables() {
      List<JsonNode> variables = new ArrayList<>();
      json.path("templating").path("list").forEach(variables::add);
      return variables;
    }

    /** The annotation layers; each queries Pinot with its {@code target}. */
    public List<JsonNode> annotations() {
      List<JsonNode> annotations = new ArrayList<>();
      json.path("annotations").path("list").forEach(annotations::add);
      return annotations;
    }
  }

  private Dashboards() {}

  static List<Dashboard> all() {
    return all(JSON_DIR);
  }

  /** The dashboards of {@code jsonDir} (this module's {@code json/}), by file name. */
  public static List<Dashboard> all(Path jsonDir) {
    try (Stream<Path> files = Files.list(jsonDir)) {
      List<Dashboard> dashboards = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        dashboards.add(new Dashboard(file.getFileName().toString(), JSON.readTree(file.toFile())));
      }
      return dashboards;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one data source the provisioning file defines. */
  static JsonNode datasource() {
    JsonNode datasources = yaml(DATASOURCE).path("datasources");
    if (datasources.size() != 1) {
      throw new IllegalStateException("expected one data source in " + DATASOURCE);
    }
    return datasources.get(0);
  }
}
