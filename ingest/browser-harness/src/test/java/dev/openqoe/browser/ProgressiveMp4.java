package dev.openqoe.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Progressive MP4 files written by ffmpeg at test time, one per video rendition ({@code
 * video-<id>.mp4}: H.264 and AAC, the index in front of the media data so playback starts before
 * the whole file is there). A native {@code <video src>} plays one file; switching rendition means
 * loading another.
 */
public record ProgressiveMp4(Path directory, List<VideoRendition> renditions, Duration duration) {

  /** Writes {@code seconds}-long files of {@code renditions} into {@code directory}. */
  public static ProgressiveMp4 generate(
      Path directory, int seconds, List<VideoRendition> renditions) {
    List<String> arguments = new ArrayList<>(Ffmpeg.syntheticSource(seconds));
    for (VideoRendition rendition : renditions) {
      arguments.addAll(List.of("-map", "0:v", "-map", "1:a"));
      arguments.addAll(Ffmpeg.h264EveryKeyFrame(1));
      arguments.addAll(Ffmpeg.videoStream(0, rendition));
      arguments.addAll(Ffmpeg.aac(64));
      arguments.addAll(List.of("-movflags", "+faststart", file(rendition)));
    }
    Ffmpeg.run(directory, arguments, file(renditions.get(renditions.size() - 1)));
    return new ProgressiveMp4(directory, renditions, Duration.ofSeconds(seconds));
  }

  /** The file of one rendition: {@code video-<id>.mp4}. */
  public static String file(VideoRendition rendition) {
    return "video-" + rendition.id() + ".mp4";
  }
}
