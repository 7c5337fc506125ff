package dev.openqoe.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineSourceTest {

  @Test
  void eachSourceCommitsUnderAGroupOfItsOwn() {
    List<String> groups =
        Arrays.stream(PipelineSource.values()).map(PipelineSource::groupId).toList();

    assertThat(groups).doesNotHaveDuplicates().allMatch(group -> group.startsWith("qoe-pipeline-"));
    assertThat(PipelineSource.BEACONS.groupId()).isEqualTo("qoe-pipeline-beacons");
  }

  @Test
  void theRawDeliveryChainSourceReadsEveryFeed() {
    assertThat(PipelineSource.OPS_RAW.defaultTopics())
        .containsExactlyElementsOf(
            QoeTopics.OPS_FEEDS.stream().map(f -> f.topic().name()).toList());
  }
}
