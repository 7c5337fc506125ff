package dev.openqoe.drillbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryShapeTest {

  @Test
  void onePerFamilyKeepsTheFirstQuestionOfEachFamilyInOrder() {
    QueryShape vsf = shape("drill --metric vsf", "drill sums --by 1");
    QueryShape ebvs = shape("drill --metric ebvs", "drill sums --by 1");
    QueryShape vst = shape("drill --metric vst_p95", "drill percentile");
    QueryShape vsfTwo = shape("drill --metric vsf --by cdn,country", "drill sums --by 2");

    assertThat(QueryShape.onePerFamily(List.of(vsf, ebvs, vst, vsfTwo)))
        .containsExactly(vsf, vst, vsfTwo);
  }

  private static QueryShape shape(String name, String family) {
    return new QueryShape(name, family, () -> 0, List.of("SELECT 1"));
  }
}
