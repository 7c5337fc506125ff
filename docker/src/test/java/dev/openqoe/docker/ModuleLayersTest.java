package dev.openqoe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The build's dependency arrows point one way: {@code contract} modules (protocol, schemas, topic
 * registry) at the bottom, {@code production} (what is deployed) above them, {@code tool} (the
 * embedded stack, simulator, benchmarks, tests of the whole) on top. A module may use its own layer
 * and the ones below; production tests may also start the embedded engines (the only tool modules a
 * production module may name, and only in test scope). The module graph in README.md is this test's
 * rendering of the poms.
 */
class ModuleLayersTest {

  private static final List<String> LAYERS = List.of("contract", "production", "tool");

  /** Tool modules that production modules' tests may use: real engines to test against. */
  private static final Set<String> TEST_FIXTURES =
      Set.of("qoe-embedded-runtime", "qoe-pinot-server");

  private static final String GRAPH_START = "<!-- module graph: ModuleLayersTest renders it -->";
  private static final String GRAPH_END = "<!-- end of module graph -->";

  private static Map<String, Module> modules;

  record Dependency(String artifactId, String scope) {
    boolean main() {
      return !scope.equals("test");
    }
  }

  record Module(String directory, String artifactId, String layer, List<Dependency> dependencies) {
    int rank() {
      return LAYERS.indexOf(layer);
    }
  }

  @BeforeAll
  static void readPoms() throws Exception {
    modules = new LinkedHashMap<>();
    Element root = pom(Compose.REPOSITORY.resolve("pom.xml"));
    for (Element module : children(child(root, "modules"), "module")) {
      String directory = module.getTextContent().trim();
      Element pom = pom(Compose.REPOSITORY.resolve(directory).resolve("pom.xml"));
      Element properties = child(pom, "properties");
      String layer = properties == null ? null : text(properties, "qoe.layer");
      List<Dependency> dependencies = new ArrayList<>();
      Element declared = child(pom, "dependencies");
      if (declared != null) {
        for (Element dependency : children(declared, "dependency")) {
          if ("dev.openqoe".equals(text(dependency, "groupId"))) {
            String scope = text(dependency, "scope");
            dependencies.add(
                new Dependency(text(dependency, "artifactId"), scope == null ? "compile" : scope));
          }
        }
      }
      String artifactId = text(pom, "artifactId");
      modules.put(artifactId, new Module(directory, artifactId, layer, dependencies));
    }
  }

  @Test
  void everyModuleNamesItsLayer() {
    assertThat(modules.values())
        .allSatisfy(
            module ->
                assertThat(module.layer()).as("qoe.layer of %s", module.directory()).isIn(LAYERS));
  }

  @Test
  void mainCodeDependsOnlyOnItsLayerAndTheOnesBelow() {
    List<String> upward = new ArrayList<>();
    for (Module module : modules.values()) {
      for (Dependency dependency : module.dependencies()) {
        Module target = modules.get(dependency.artifactId());
        if (dependency.main() && target.rank() > module.rank()) {
          upward.add(arrow(module, target, dependency));
        }
      }
    }
    assertThat(upward).as("dependencies pointing up").isEmpty();
  }

  @Test
  void testsOfLowerLayersUseOnlyTheEmbeddedEnginesAbove() {
    List<String> upward = new ArrayList<>();
    for (Module module : modules.values()) {
      for (Dependency dependency : module.dependencies()) {
        Module target = modules.get(dependency.artifactId());
        if (!dependency.main()
            && target.rank() > module.rank()
            && !TEST_FIXTURES.contains(target.artifactId())) {
          upward.add(arrow(module, target, dependency));
        }
      }
    }
    assertThat(upward).as("test dependencies pointing up").isEmpty();
  }

  @Test
  void theReadmeShowsTheModuleGraphAsThePomsHaveIt() throws IOException {
    String readme = Files.readString(Compose.REPOSITORY.resolve("README.md"));
    int start = readme.indexOf(GRAPH_START);
    int end = readme.indexOf(GRAPH_END);
    assertThat(start).as("README.md has the marker " + GRAPH_START).isNotNegative();
    assertThat(end).as("README.md has the marker " + GRAPH_END).isGreaterThan(start);
    String shown = readme.substring(start + GRAPH_START.length(), end).strip();
    assertThat(shown)
        .as("README.md's module graph; replace it with the poms' one below")
        .isEqualTo(graph().strip());
  }

  @Test
  void theReadmeLayoutTableNamesEveryModuleAndOnlyDirectoriesThatExist() throws IOException {
    String readme = Files.readString(Compose.REPOSITORY.resolve("README.md"));
    String layout =
        readme.substring(readme.indexOf("## Layout"), readme.indexOf("### Module graph"));
    List<String> named = new ArrayList<>();
    Matcher directory = Pattern.compile("`([a-z0-9-]+(?:/[a-z0-9-]+)*)/`").matcher(layout);
    while (directory.find()) {
      named.add(directory.group(1));
    }
    assertThat(named)
        .as("directories in README.md's layout table")
        .allSatisfy(name -> assertThat(Compose.REPOSITORY.resolve(name)).isDirectory());
    for (Module module : modules.values()) {
      assertThat(layout)
          .as("README.md's layout table names %s", module.directory())
          .contains("`" + module.directory() + "/`");
    }
  }

  /** The module graph as a Markdown table, layer by layer from the bottom. */
  static String graph() {
    StringBuilder table = new StringBuilder();
    table.append("| layer | module | directory | main code uses | tests also use |\n");
    table.append("| --- | --- | --- | --- | --- |\n");
    for (String layer : LAYERS) {
      for (Module module : modules.values()) {
        if (!module.layer().equals(layer)) {
          continue;
        }
        table
            .append("| ")
            .append(layer)
            .append(" | `")
            .append(module.artifactId())
            .append("` | `")
            .append(module.directory())
            .append("/` | ")
            .append(names(module, true))
            .append(" | ")
            .append(names(module, false))
            .append(" |\n");
      }
    }
    return table.toString();
  }

  private static String names(Module module, boolean main) {
    String names =
        module.dependencies().stream()
            .filter(dependency -> dependency.main() == main)
            .map(dependency -> "`" + dependency.artifactId() + "`")
            .distinct()
            .collect(Collectors.joining(", "));
    return names.isEmpty() ? "-" : names;
  }

  private static String arrow(Module from, Module to, Dependency dependency) {
    return String.format(
        "%s (%s) -> %s (%s), scope %s",
        from.artifactId(), from.layer(), to.artifactId(), to.layer(), dependency.scope());
  }

  private static Element pom(Path file) throws Exception {
    Document document =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    return document.getDocumentElement();
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    Element found = child(parent, name);
    return found == null ? null : found.getTextContent().trim();
  }
}
