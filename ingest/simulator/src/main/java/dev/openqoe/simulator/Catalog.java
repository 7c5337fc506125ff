package dev.openqoe.simulator;

import dev.openqoe.protocol.StreamType;
import java.util.List;
import java.util.Map;

/**
 * The world sessions are drawn from: CDNs, access networks, devices and assets, each with its share
 * of sessions.
 */
public record Catalog(
    List<Cdn> cdns, List<Network> networks, List<DeviceProfile> devices, List<Asset> assets) {

  private static final List<Integer> HD_LADDER = List.of(400, 800, 1600, 3000, 4500, 6000);
  private static final List<Integer> UHD_LADDER =
      List.of(400, 800, 1600, 3000, 4500, 6000, 8000, 12000, 16000);
  private static final List<Integer> LIVE_LADDER = List.of(800, 1600, 3000, 4500, 6000);
  private static final List<Integer> CLIP_LADDER = List.of(300, 700, 1500, 3000);

  public Catalog {
    cdns = List.copyOf(cdns);
    networks = List.copyOf(networks);
    devices = List.copyOf(devices);
    assets = List.copyOf(assets);
  }

  /**
   * A mid-sized streaming service: three CDNs (CloudFront, Fastly, Akamai, each with its edges in
   * the viewers' countries), eight networks in six countries, seven devices.
   */
  public static Catalog standard() {
    return new Catalog(
        List.of(
            new Cdn(
                Cdn.CLOUDFRONT,
                0.45,
                1.0,
                1.0,
                Map.of(
                    "US", List.of("IAD89-P1", "JFK50-P2"),
                    "BR", List.of("GRU3-P1", "GIG51-C1"),
                    "DE", List.of("FRA56-P1", "FRA60-P3"),
                    "GB", List.of("LHR61-P1", "LHR50-C1"),
                    "IN", List.of("BOM78-P1", "DEL54-C1"),
                    "JP", List.of("NRT57-P1", "NRT20-C4"))),
            new Cdn(
                "fastly",
                0.35,
                1.1,
                1.2,
                Map.of(
                    "US", List.of("IAD", "JFK"),
                    "BR", List.of("GRU", "GIG"),
                    "DE", List.of("FRA"),
                    "GB", List.of("LHR", "LCY"),
                    "IN", List.of("BOM", "DEL"),
                    "JP", List.of("NRT", "HND"))),
            new Cdn(
                "akamai",
                0.20,
                0.9,
                0.8,
                Map.of(
                    "US", List.of("IAD", "ORD"),
                    "BR", List.of("GRU"),
                    "DE", List.of("FRA", "MUC"),
                    "GB", List.of("LHR"),
                    "IN", List.of("BOM"),
                    "JP", List.of("NRT")))),
        List.of(
            new Network("US", 7922, "100.64", 0.22),
            new Network("US", 701, "100.65", 0.12),
            new Network("BR", 28573, "100.66", 0.12),
            new Network("BR", 18881, "100.67", 0.10),
            new Network("DE", 3320, "100.68", 0.14),
            new Network("GB", 2856, "100.69", 0.12),
            new Network("IN", 9498, "100.70", 0.10),
            new Network("JP", 4713, "100.71", 0.08)),
        List.of(
            new DeviceProfile(
                "desktop",
                "Windows",
                "shaka-player",
                "4.12.1",
                "web-3.8.0",
                "widevine",
                8000,
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/131.0.0.0 Safari/537.36",
                0.20,
                1.0),
            new DeviceProfile(
                "desktop",
                "Windows",
                "shaka-player",
                "4.11.7",
                "web-3.7.2",
                "widevine",
                8000,
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/129.0.0.0 Safari/537.36",
                0.06,
                1.0),
            new DeviceProfile(
                "desktop",
                "macOS",
                "hls.js",
                "1.5.17",
                "web-3.8.0",
                "fairplay",
                8000,
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like"
                    + " Gecko) Version/18.1 Safari/605.1.15",
                0.10,
                1.0),
            new DeviceProfile(
                "mobile",
                "Android",
                "exoplayer",
                "1.4.1",
                "android-5.2.0",
                "widevine",
                4500,
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/131.0.0.0 Mobile Safari/537.36",
                0.24,
                1.3),
            new DeviceProfile(
                "mobile",
                "iOS",
                "avplayer",
                "17.6",
                "ios-5.2.1",
                "fairplay",
                4500,
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML,"
                    + " like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
                0.18,
                1.2),
            new DeviceProfile(
                "smart_tv",
                "Tizen",
                "shaka-player",
                "4.12.1",
                "tizen-2.4.0",
                "playready",
                16000,
                "Mozilla/5.0 (SMART-TV; LINUX; Tizen 7.0) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " 94.0.4606.31/7.0 TV Safari/537.36",
                0.14,
                1.5),
            new DeviceProfile(
                "streaming_stick",
                "Android TV",
                "exoplayer",
                "1.3.1",
                "androidtv-2.1.0",
                "widevine",
                12000,
                "Mozilla/5.0 (Linux; Android 11; AFTKA) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/130.0.0.0 Safari/537.36",
                0.08,
                1.4)),
        List.of(
            new Asset("movie-1042", StreamType.VOD, UHD_LADDER, 7_020_000, true, 0.14),
            new Asset("movie-2077", StreamType.VOD, HD_LADDER, 6_300_000, true, 0.10),
            new Asset("series-s02e05", StreamType.VOD, HD_LADDER, 2_700_000, true, 0.18),
            new Asset("series-s02e06", StreamType.VOD, HD_LADDER, 2_760_000, true, 0.12),
            new Asset("doc-oceans", StreamType.VOD, UHD_LADDER, 3_240_000, false, 0.06),
            new Asset("clip-trailer-7", StreamType.VOD, CLIP_LADDER, 150_000, false, 0.12),
            new Asset("live-news", StreamType.LIVE, LIVE_LADDER, 0, false, 0.12),
            new Asset("live-sports-1", StreamType.LIVE, LIVE_LADDER, 0, true, 0.16)));
  }
}
