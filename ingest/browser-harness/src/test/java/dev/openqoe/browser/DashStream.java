package dev.openqoe.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A short on-demand DASH stream written by ffmpeg at test time: video renditions (testsrc, H.264,
 * constant bitrate) and one AAC audio track (sine), segments numbered from 1. Video renditions are
 * representations 0, 1, ... in the order given, audio is the representation after the last video
 * one; segment files are {@code chunk-<representation>-<number %05d>.m4s}.
 */
public record DashStream(
    Path directory,
    String manifest,
    List<VideoRendition> videoRenditions,
    int audioKbps,
    Duration duration,
    Duration segmentDuration) {

  /** The CMCD scenario's renditions: 400 kbps 320x180 (representation 0), 800 kbps 640x360 (1). */
  public static final List<VideoRendition> DEFAULT_RENDITIONS =
      List.of(new VideoRendition("0", 400, 320, 180), new VideoRendition("1", 800, 640, 360));

  /** The audio representation of a stream with {@link #DEFAULT_RENDITIONS}. */
  public static final String AUDIO_REPRESENTATION = "2";

  /**
   * Writes a {@code seconds}-long stream of {@link #DEFAULT_RENDITIONS} with 2 s segments into
   * {@code directory} (created if missing).
   */
  public static DashStream generate(Path directory, int seconds) {
    return generate(directory, seconds, DEFAULT_RENDITIONS, 2);
  }

  /**
   * Writes a {@code seconds}-long stream of {@code renditions} (ids 0, 1, ... in this order) with
   * {@code segmentSeconds} segments into {@code directory}.
   */
  public static DashStream generate(
      Path directory, int seconds, List<VideoRendition> renditions, int segmentSeconds) {
    int audioKbps = 64;
    List<String> arguments = new ArrayList<>(Ffmpeg.syntheticSource(seconds));
    for (int i = 0; i < renditions.size(); i++) {
      arguments.addAll(List.of("-map", "0:v"));
    }
    arguments.addAll(List.of("-map", "1:a"));
    arguments.addAll(Ffmpeg.h264EveryKeyFrame(segmentSeconds));
    for (int i = 0; i < renditions.size(); i++) {
      arguments.addAll(Ffmpeg.videoStream(i, renditions.get(i)));
    }
    arguments.addAll(Ffmpeg.aac(audioKbps));
    arguments.addAll(
        List.of(
            "-f",
            "dash",
            "-seg_duration",
            Integer.toString(segmentSeconds),
            "-use_template",
            "1",
            "-use_timeline",
            "0",
            "-adaptation_sets",
            "id=0,streams=v id=1,streams=a",
            "-init_seg_name",
            "init-$RepresentationID$.m4s",
            "-media_seg_name",
            "chunk-$RepresentationID$-$Number%05d$.m4s",
            "manifest.mpd"));
    Ffmpeg.run(directory, arguments, "manifest.mpd");
    return new DashStream(
        directory,
        "manifest.mpd",
        renditions,
        audioKbps,
        Duration.ofSeconds(seconds),
        Duration.ofSeconds(segmentSeconds));
  }

  /** The file name of media segment {@code number} (from 1) of a representation. */
  public static String segment(String representationId, int number) {
    return String.format("chunk-%s-%05d.m4s", representationId, number);
  }

  public int segmentCount() {
    return (int) (duration.toMillis() / segmentDuration.toMillis());
  }
}
