package dev.openqoe.simulator;

/**
 * How a device's player fetches media, as far as the delivery chain sees it.
 *
 * @param hls whether it plays HLS ({@code master.m3u8}, CMCD {@code sf=h}); otherwise DASH ({@code
 *     manifest.mpd}, {@code sf=d})
 * @param reportsCmcd whether the app turns on CMCD query parameters: Shaka Player, hls.js and
 *     ExoPlayer (Media3) support them and our apps enable them; AVPlayer on iOS 17 has no CMCD
 * @param skipsMissingRendition whether the player drops a rendition whose segments are missing
 *     (404) and goes on one rung lower (Shaka, ExoPlayer), instead of failing playback (hls.js,
 *     AVPlayer as our apps configure them)
 */
record PlayerTraits(boolean hls, boolean reportsCmcd, boolean skipsMissingRendition) {

  static PlayerTraits of(DeviceProfile device) {
    return switch (device.playerName()) {
      case "shaka-player" -> new PlayerTraits(false, true, true);
      case "exoplayer" -> new PlayerTraits(false, true, true);
      case "hls.js" -> new PlayerTraits(true, true, false);
      case "avplayer" -> new PlayerTraits(true, false, false);
      // Another player in a catalogue built in Java: plain DASH, no CMCD, fails on a 404.
      default -> new PlayerTraits(false, false, false);
    };
  }
}
