package dev.openqoe.slo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The SLO file ({@code slo.yaml}): a list of SLOs under {@code slos:}, each checked when the file
 * is loaded, so a wrong file stops the evaluator at start with what to fix rather than alerting on
 * something else than meant. The format is in stream-jobs/slo/README.md.
 */
public final class SloFile {

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private SloFile() {}

  /** The SLOs of the file at {@code path}. */
  public static List<SloDefinition> load(Path path) {
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw new SloFileException("cannot read the SLO file " + path + ": " + e, e);
    }
    return parse(text, path.toString());
  }

  /** The SLOs of {@code yaml}; {@code source} names it in error messages. */
  public static List<SloDefinition> parse(String yaml, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new SloFileException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new SloFileException(
          source + ": an SLO file is a mapping with one key, slos: a list of SLOs");
    }
    for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("slos")) {
        throw new SloFileException(
            source + ": unknown key '" + key + "' at the top; the file holds slos: a list of SLOs");
      }
    }
    JsonNode slos = root.path("slos");
    if (!slos.isArray() || slos.isEmpty()) {
      throw new SloFileException(source + ": slos must be a list of at least one SLO");
    }
    List<SloDefinition> definitions = new ArrayList<>();
    Map<String, Integer> indexByName = new HashMap<>();
    for (int index = 0; index < slos.size(); index++) {
      SloDefinition definition = new SloEntry(source, index, slos.get(index)).read();
      Integer first = indexByName.putIfAbsent(definition.name(), index);
      if (first != null) {
        throw new SloFileException(
            String.format(
                "%s: slos[%d] '%s', field 'name': slos[%d] has that name already; names are unique"
                    + " in a file (alerts are named after them)",
                source, index, definition.name(), first));
      }
      definitions.add(definition);
    }
    return definitions;
  }
}
