package dev.openqoe.slo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.pinot.drill.DrillDimension;
import dev.openqoe.slo.SliceDimensions;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SLO file's dimensions are columns of Pinot's qoe_sessions, of the type the SQL assumes. */
class SliceDimensionsTest {

  @Test
  void everyDimensionIsASessionsColumnAndADrillDimension() throws Exception {
    Map<String, String> types = new HashMap<>();
    try (InputStream schema =
        DrillDimension.class.getResourceAsStream("/pinot/qoe_sessions.schema.json")) {
      JsonNode json = AlertJson.JSON.readTree(schema);
      for (JsonNode column : json.get("dimensionFieldSpecs")) {
        types.put(column.get("name").asText(), column.get("dataType").asText());
      }
    }

    assertThat(SliceDimensions.ALL).allSatisfy(d -> assertThat(types).containsKey(d));
    assertThat(DrillDimension.ALL).containsAll(SliceDimensions.ALL);
    for (String dimension : SliceDimensions.ALL) {
      assertThat(SliceDimensions.isNumeric(dimension))
          .as(dimension)
          .isEqualTo(!types.get(dimension).equals("STRING"));
    }
  }
}
