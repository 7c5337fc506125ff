package dev.openqoe.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A short on-demand HLS stream written by ffmpeg at test time: a master playlist ({@code
 * master.m3u8}) naming one media playlist per video rendition ({@code media-<i>.m3u8}), each
 * variant an MPEG-TS stream of H.264 video and AAC audio (Debian's Chromium takes {@code
 * video/mp2t} through Media Source, and hls.js remuxes TS to fMP4 anyway), segments {@code
 * seg-<i>-<number %03d>.ts} numbered from 0. ffmpeg writes each variant's BANDWIDTH from its
 * measured peak (video, audio and TS overhead), so the bitrates a player reports for HLS are those,
 * not the nominal video bitrates.
 */
public record HlsStream(
    Path directory,
    String masterPlaylist,
    List<VideoRendition> videoRenditions,
    Duration duration,
    Duration segmentDuration) {

  /** Writes a {@code seconds}-long stream of {@code renditions} into {@code directory}. */
  public static HlsStream generate(
      Path directory, int seconds, List<VideoRendition> renditions, int segmentSeconds) {
    List<String> arguments = new ArrayList<>(Ffmpeg.syntheticSource(seconds));
    StringBuilder streamMap = new StringBuilder();
    for (int i = 0; i < renditions.size(); i++) {
      arguments.addAll(List.of("-map", "0:v", "-map", "1:a"));
      streamMap.append(i == 0 ? "" : " ").append("v:").append(i).append(",a:").append(i);
    }
    arguments.addAll(Ffmpeg.h264EveryKeyFrame(segmentSeconds));
    for (int i = 0; i < renditions.size(); i++) {
      arguments.addAll(Ffmpeg.videoStream(i, renditions.get(i)));
    }
    arguments.addAll(Ffmpeg.aac(64));
    arguments.addAll(
        List.of(
            "-f",
            "hls",
            "-hls_time",
            Integer.toString(segmentSeconds),
            "-hls_playlist_type",
            "vod",
            "-hls_segment_type",
            "mpegts",
            "-hls_segment_filename",
            "seg-%v-%03d.ts",
            "-master_pl_name",
            "master.m3u8",
            "-var_stream_map",
            streamMap.toString(),
            "media-%v.m3u8"));
    Ffmpeg.run(directory, arguments, "master.m3u8");
    return new HlsStream(
        directory,
        "master.m3u8",
        renditions,
        Duration.ofSeconds(seconds),
        Duration.ofSeconds(segmentSeconds));
  }

  /** The file name of media segment {@code number} (from 0) of variant {@code variant}. */
  public static String segment(String variant, int number) {
    return String.format("seg-%s-%03d.ts", variant, number);
  }
}
