package dev.openqoe.lag;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Where a Pinot REALTIME table stands on its topic, from the controller's answer to {@code GET
 * /tables/<table>/consumingSegmentsInfo}.
 */
public final class PinotConsumingOffsets {

  private PinotConsumingOffsets() {}

  /**
   * Each partition's offset: {@code _segmentToConsumingInfoMap}, per consuming segment ({@code
   * <table>__<partition>__<sequence>__<time>}) its servers' {@code partitionToOffsetMap} (Pinot
   * 0.11; {@code partitionOffsetInfo.currentOffsetsMap} in later versions), the next offset each
   * reads. A partition served by several replicas counts its slowest.
   *
   * @throws IllegalStateException when the answer is of another shape (an error, say): that is not
   *     "no lag"
   */
  public static Map<Integer, Long> parse(JsonNode answer) {
    JsonNode segments = answer.path("_segmentToConsumingInfoMap");
    if (!segments.isObject()) {
      throw new IllegalStateException("unexpected consumingSegmentsInfo answer: " + answer);
    }
    Map<Integer, Long> offsets = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = segments.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> segment = it.next();
      for (JsonNode server : segment.getValue()) {
        JsonNode map = server.path("partitionToOffsetMap");
        if (!map.isObject()) {
          map = server.path("partitionOffsetInfo").path("currentOffsetsMap");
        }
        for (Iterator<Map.Entry<String, JsonNode>> p = map.fields(); p.hasNext(); ) {
          Map.Entry<String, JsonNode> partition = p.next();
          offsets.merge(
              Integer.parseInt(partition.getKey()), partition.getValue().asLong(), Math::min);
        }
      }
    }
    return offsets;
  }
}
