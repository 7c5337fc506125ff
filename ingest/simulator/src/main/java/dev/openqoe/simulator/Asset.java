package dev.openqoe.simulator;

import dev.openqoe.protocol.StreamType;
import java.util.List;

/**
 * Something to watch.
 *
 * @param ladder the rendition bitrates in kbps, lowest first
 * @param lengthMs how long a VOD asset runs; 0 for live streams, which never end by themselves
 * @param drmProtected whether playback needs a DRM licence (then a DRM outage stops its starts)
 * @param share relative popularity
 */
public record Asset(
    String assetId,
    StreamType streamType,
    List<Integer> ladder,
    long lengthMs,
    boolean drmProtected,
    double share) {

  public Asset {
    ladder = List.copyOf(ladder);
    if (ladder.isEmpty()) {
      throw new IllegalArgumentException("asset " + assetId + " has no renditions");
    }
  }

  /**
   * A rendition's name where the delivery chain sees it (transcode jobs, segment paths): its
   * bitrate, {@code 4500k}.
   */
  public static String renditionName(int kbps) {
    return kbps + "k";
  }
}
