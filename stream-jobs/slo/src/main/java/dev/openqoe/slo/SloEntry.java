package dev.openqoe.slo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.cli.DurationConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** One entry of an SLO file's list, read and checked field by field. */
final class SloEntry {

  static final List<String> FIELDS =
      List.of("name", "property", "sli", "objective", "threshold", "where", "by", "rules");
  static final List<String> RULE_FIELDS = List.of("severity", "long", "short", "burn_rate");

  /** Names go into alert ids and labels: no spaces or separators. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private static final long MINUTE_MS = 60_000;

  private final String source;
  private final int index;
  private final JsonNode node;
  private String name;

  SloEntry(String source, int index, JsonNode node) {
    this.source = source;
    this.index = index;
    this.node = node;
  }

  SloDefinition read() {
    if (!node.isObject()) {
      throw new SloFileException(
          place() + ": an SLO is a mapping of " + String.join(", ", FIELDS) + "; got " + node);
    }
    name = requiredText("name");
    if (!NAME.matcher(name).matches()) {
      throw fail(
          "name", "letters, digits, '-', '_' and '.' only (it names alerts); got '" + name + "'");
    }
    for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!FIELDS.contains(field)) {
        throw fail(field, "not an SLO field; the fields are " + String.join(", ", FIELDS));
      }
    }
    String property = requiredText("property");
    Sli sli = sli();
    return new SloDefinition(
        name, property, sli, threshold(sli), objective(), where(), by(), rules());
  }

  private Sli sli() {
    String id = requiredText("sli");
    return Sli.of(id)
        .orElseThrow(() -> fail("sli", "unknown SLI '" + id + "'; one of " + Sli.valid()));
  }

  private double objective() {
    JsonNode objective = node.get("objective");
    if (objective == null) {
      throw fail("objective", "missing; the share of good events to keep, e.g. 0.99 for 99 %");
    }
    if (!objective.isNumber() || !(objective.asDouble() > 0 && objective.asDouble() < 1)) {
      throw fail(
          "objective",
          "must be a number strictly between 0 and 1, e.g. 0.99 for 99 %; got " + objective);
    }
    return objective.asDouble();
  }

  private Optional<Duration> threshold(Sli sli) {
    JsonNode threshold = node.get("threshold");
    if (!sli.needsThreshold()) {
      if (threshold != null) {
        throw fail("threshold", "only startup_time has a threshold, not " + sli.id());
      }
      return Optional.empty();
    }
    if (threshold == null) {
      throw fail(
          "threshold",
          "startup_time needs one: the startup time under which a start is good, e.g. 2s");
    }
    Duration duration = duration("threshold", threshold);
    if (duration.isZero()) {
      throw fail("threshold", "must be more than 0, e.g. 2s");
    }
    return Optional.of(duration);
  }

  private Map<String, List<String>> where() {
    JsonNode where = node.get("where");
    Map<String, List<String>> filters = new LinkedHashMap<>();
    if (where == null) {
      return filters;
    }
    if (!where.isObject()) {
      throw fail("where", "a mapping of dimension to value(s), e.g. {country: BR}; got " + where);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = where.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> filter = it.next();
      String dimension = dimension("where", filter.getKey());
      List<String> values = new ArrayList<>();
      JsonNode value = filter.getValue();
      for (JsonNode one : value.isArray() ? value : List.of(value)) {
        values.add(filterValue(dimension, one));
      }
      if (values.isEmpty()) {
        throw fail("where." + dimension, "needs a value, or a list of at least one");
      }
      filters.put(dimension, values);
    }
    return filters;
  }

  private String filterValue(String dimension, JsonNode value) {
    String field = "where." + dimension;
    if (!value.isValueNode() || value.isNull()) {
      throw fail(field, "a value is a string or a number; got " + value);
    }
    if (SliceDimensions.isNumeric(dimension) && !value.canConvertToLong()) {
      throw fail(field, dimension + " is a number; got " + value);
    }
    return value.asText();
  }

  private List<String> by() {
    JsonNode by = node.get("by");
    List<String> dimensions = new ArrayList<>();
    if (by == null) {
      return dimensions;
    }
    if (!by.isArray()) {
      throw fail("by", "a list of dimensions, e.g. [cdn, country]; got " + by);
    }
    for (JsonNode dimension : by) {
      String checked = dimension("by", dimension.asText());
      if (dimensions.contains(checked)) {
        throw fail("by", checked + " is listed twice");
      }
      dimensions.add(checked);
    }
    return dimensions;
  }

  private String dimension(String field, String dimension) {
    if (!SliceDimensions.ALL.contains(dimension)) {
      throw fail(
          field,
          "unknown dimension '"
              + dimension
              + "'; one of "
              + String.join(", ", SliceDimensions.ALL)
              + (dimension.equals("property_id") ? " (the property is the SLO's own field)" : ""));
    }
    return dimension;
  }

  private List<BurnRateRule> rules() {
    JsonNode rules = node.get("rules");
    if (rules == null) {
      return BurnRateRule.DEFAULTS;
    }
    if (!rules.isArray() || rules.isEmpty()) {
      throw fail("rules", "a list of at least one rule (or leave it out for the defaults)");
    }
    List<BurnRateRule> read = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      read.add(rule("rules[" + i + "]", rules.get(i)));
    }
    return read;
  }

  private BurnRateRule rule(String field, JsonNode rule) {
    if (!rule.isObject()) {
      throw fail(
          field, "a rule is a mapping of " + String.join(", ", RULE_FIELDS) + "; got " + rule);
    }
    for (Iterator<String> fields = rule.fieldNames(); fields.hasNext(); ) {
      String unknown = fields.next();
      if (!RULE_FIELDS.contains(unknown)) {
        throw fail(
            field + "." + unknown,
            "not a rule field; the fields are " + String.join(", ", RULE_FIELDS));
      }
    }
    for (String required : RULE_FIELDS) {
      if (!rule.has(required)) {
        throw fail(field + "." + required, "missing; a rule has " + String.join(", ", RULE_FIELDS));
      }
    }
    String severity = rule.get("severity").asText();
    if (!severity.equals("page") && !severity.equals("ticket")) {
      throw fail(field + ".severity", "page or ticket; got '" + severity + "'");
    }
    Duration longWindow = window(field + ".long", rule.get("long"));
    Duration shortWindow = window(field + ".short", rule.get("short"));
    if (shortWindow.compareTo(longWindow) >= 0) {
      throw fail(
          field + ".short",
          "must be shorter than the long window (" + rule.get("long").asText() + ")");
    }
    JsonNode burnRate = rule.get("burn_rate");
    if (!burnRate.isNumber() || !(burnRate.asDouble() > 0)) {
      throw fail(field + ".burn_rate", "a number above 0, e.g. 14.4; got " + burnRate);
    }
    return new BurnRateRule(
        Severity.valueOf(severity.toUpperCase(Locale.ROOT)),
        longWindow,
        shortWindow,
        burnRate.asDouble());
  }

  /** Windows are whole minutes: the SLIs are counted per minute. */
  private Duration window(String field, JsonNode value) {
    Duration window = duration(field, value);
    if (window.toMillis() < MINUTE_MS || window.toMillis() % MINUTE_MS != 0) {
      throw fail(
          field, "a window is whole minutes, at least 1m (e.g. 5m, 1h, 3d); got " + value.asText());
    }
    return window;
  }

  private Duration duration(String field, JsonNode value) {
    if (!value.isTextual()) {
      throw fail(field, "a duration with its unit, e.g. 2s, 5m, 1h, 3d; got " + value);
    }
    try {
      return new DurationConverter().convert(value.asText());
    } catch (RuntimeException e) {
      throw fail(
          field, "'" + value.asText() + "' is not a duration: write e.g. 500ms, 2s, 5m, 1h, 3d");
    }
  }

  private String requiredText(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw fail(field, "missing");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw fail(field, "must be a non-empty string; got " + value);
    }
    return value.asText();
  }

  private SloFileException fail(String field, String message) {
    return new SloFileException(place() + ", field '" + field + "': " + message);
  }

  private String place() {
    return source + ": slos[" + index + "]" + (name == null ? "" : " '" + name + "'");
  }
}
