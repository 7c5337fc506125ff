package dev.openqoe.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A short on-demand DASH stream written by ffmpeg at test time: two video renditions (testsrc,
 * H.264, constant bitrate) and one AAC audio track (sine), 2 s segments, numbered from 1. Video
 * renditions are representations 0 (low) and 1 (high), audio is representation 2; segment files are
 * {@code chunk-<representation>-<number %05d>.m4s}.
 */
public record DashStream(
    Path directory,
    String manifest,
    List<VideoRendition> videoRenditions,
    int audioKbps,
    Duration duration,
    Duration segmentDuration) {

  /** One video representation of the stream. */
  public record VideoRendition(String representationId, int bitrateKbps, int width, int height) {}

  public static final List<VideoRendition> DEFAULT_RENDITIONS =
      List.of(new VideoRendition("0", 400, 320, 180), new VideoRendition("1", 800, 640, 360));
  public static final String AUDIO_REPRESENTATION = "2";

  /** Writes a {@code seconds}-long stream into {@code directory} (created if missing). */
  public static DashStream generate(Path directory, int seconds) {
    requireFfmpeg();
    List<VideoRendition> renditions = DEFAULT_RENDITIONS;
    int audioKbps = 64;
    int segmentSeconds = 2;
    List<String> command = new ArrayList<>();
    command.addAll(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
    command.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=640x360:rate=25"));
    command.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
    command.addAll(List.of("-t", Integer.toString(seconds)));
    for (int i = 0; i < renditions.size(); i++) {
      command.addAll(List.of("-map", "0:v"));
    }
    command.addAll(List.of("-map", "1:a"));
    // one key frame per segment, no scene cuts: every segment starts with a key frame
    command.addAll(
        List.of(
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-pix_fmt",
            "yuv420p",
            "-g",
            "50",
            "-keyint_min",
            "50",
            "-sc_threshold",
            "0"));
    for (int i = 0; i < renditions.size(); i++) {
      VideoRendition r = renditions.get(i);
      String kbps = r.bitrateKbps() + "k";
      command.addAll(
          List.of(
              "-b:v:" + i,
              kbps,
              "-maxrate:v:" + i,
              kbps,
              "-bufsize:v:" + i,
              kbps,
              "-s:v:" + i,
              r.width() + "x" + r.height()));
    }
    command.addAll(List.of("-c:a", "aac", "-b:a", audioKbps + "k", "-ac", "2"));
    command.addAll(
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
    try {
      Files.createDirectories(directory);
      Path log = directory.resolve("ffmpeg.log");
      Process ffmpeg =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!ffmpeg.waitFor(120, TimeUnit.SECONDS)) {
        ffmpeg.destroyForcibly();
        throw new IllegalStateException("ffmpeg did not finish within 120 s: " + command);
      }
      if (ffmpeg.exitValue() != 0 || !Files.exists(directory.resolve("manifest.mpd"))) {
        throw new IllegalStateException(
            "ffmpeg failed (exit "
                + ffmpeg.exitValue()
                + "): "
                + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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

  private static void requireFfmpeg() {
    try {
      Process probe =
          new ProcessBuilder("ffmpeg", "-version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
        return;
      }
    } catch (IOException e) {
      // not installed: reported below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(
        "ffmpeg not found: the browser harness writes its DASH stream with it"
            + " (Debian: apt-get install -y ffmpeg; ./qoe test installs it)");
  }
}
