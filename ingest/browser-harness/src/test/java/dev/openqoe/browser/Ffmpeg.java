package dev.openqoe.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's ffmpeg writing the test media: one synthetic source (testsrc picture, 440 Hz sine) and
 * the H.264 settings every stream shares, so that every segment of every rendition starts with a
 * key frame.
 */
final class Ffmpeg {

  static final int FRAME_RATE = 25;

  private Ffmpeg() {}

  /**
   * The inputs: {@code seconds} of a 640x360 test picture at 25 fps (input 0) and of a sine (1),
   * each limited by itself, so every output of one command ends there.
   */
  static List<String> syntheticSource(int seconds) {
    String length = Integer.toString(seconds);
    return List.of(
        "-f",
        "lavfi",
        "-t",
        length,
        "-i",
        "testsrc=size=640x360:rate=" + FRAME_RATE,
        "-f",
        "lavfi",
        "-t",
        length,
        "-i",
        "sine=frequency=440:sample_rate=48000");
  }

  /** libx264 with one key frame every {@code segmentSeconds} and no scene cuts. */
  static List<String> h264EveryKeyFrame(int segmentSeconds) {
    String gop = Integer.toString(FRAME_RATE * segmentSeconds);
    return List.of(
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-pix_fmt",
        "yuv420p",
        "-g",
        gop,
        "-keyint_min",
        gop,
        "-sc_threshold",
        "0");
  }

  /** Constant-bitrate settings of output video stream {@code index} for {@code rendition}. */
  static List<String> videoStream(int index, VideoRendition rendition) {
    String kbps = rendition.bitrateKbps() + "k";
    return List.of(
        "-b:v:" + index,
        kbps,
        "-maxrate:v:" + index,
        kbps,
        "-bufsize:v:" + index,
        kbps,
        "-s:v:" + index,
        rendition.width() + "x" + rendition.height());
  }

  /** AAC-LC stereo at {@code kbps}. */
  static List<String> aac(int kbps) {
    return List.of("-c:a", "aac", "-b:a", kbps + "k", "-ac", "2");
  }

  /**
   * Runs {@code ffmpeg <arguments>} in {@code directory} (created if missing) and fails with its
   * log unless it exits 0 and {@code expectedFile} exists.
   */
  static void run(Path directory, List<String> arguments, String expectedFile) {
    requireFfmpeg();
    List<String> command =
        new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
    command.addAll(arguments);
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
      if (ffmpeg.exitValue() != 0 || !Files.exists(directory.resolve(expectedFile))) {
        throw new IllegalStateException(
            "ffmpeg failed (exit "
                + ffmpeg.exitValue()
                + "): "
                + command
                + "\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
        "ffmpeg not found: the browser harness writes its test media with it"
            + " (Debian: apt-get install -y ffmpeg; ./qoe test installs it)");
  }
}
