package dev.openqoe.browser;

/**
 * One video rendition of the test media: its id in the stream (DASH representation id, HLS variant
 * index, progressive file index), its nominal bitrate and its frame size. Every rendition of a
 * stream has its own frame height, so the height a page sees on the video element names the
 * rendition on screen.
 */
public record VideoRendition(String id, int bitrateKbps, int width, int height) {

  /** Three renditions, low to high: the SDK scenarios' streams and progressive files. */
  public static final java.util.List<VideoRendition> THREE =
      java.util.List.of(
          new VideoRendition("0", 250, 320, 180),
          new VideoRendition("1", 500, 480, 270),
          new VideoRendition("2", 1000, 640, 360));
}
