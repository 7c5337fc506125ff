package dev.openqoe.slo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.pinot.drill.DrillDimension;
import dev.openqoe.slo.SliceDimensions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SLO file's dimensions are kept in a list of their own so qoe-slo stays free of Pinot's
 * client; this keeps them in step with the drill-down's, which the evaluator's SQL is made with.
 */
class SliceDimensionsTest {

  @Test
  void anSloSlicesByTheDrillDimensionsExceptThePropertyItNames() {
    List<String> drill = new ArrayList<>(DrillDimension.ALL);
    drill.remove("property_id");
    assertThat(SliceDimensions.ALL).containsExactlyElementsOf(drill);
  }

  @Test
  void theNumericDimensionsAreThoseTheDrillDownWritesAsNumbers() {
    for (String dimension : SliceDimensions.ALL) {
      boolean writtenAsNumber = DrillDimension.literal(dimension, "01").equals("1");
      assertThat(SliceDimensions.isNumeric(dimension)).as(dimension).isEqualTo(writtenAsNumber);
    }
  }
}
