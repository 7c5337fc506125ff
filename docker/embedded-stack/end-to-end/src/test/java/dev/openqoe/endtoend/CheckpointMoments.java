package dev.openqoe.endtoend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The checkpoints of one run of the pipeline, as its directory shows them: Flink creates {@code
 * chk-N} when it triggers checkpoint N and writes {@code chk-N/_metadata} when N completes, after
 * which the Iceberg sink commits N's files. A kill between the two hits a checkpoint in flight; a
 * kill just after the second hits the commit.
 */
final class CheckpointMoments {

  private final Path jobDir;

  /** The checkpoints of job {@code jobId} under a pipeline's {@code --data-dir}. */
  CheckpointMoments(Path dataDir, String jobId) {
    this.jobDir = dataDir.toAbsolutePath().resolve("flink-checkpoints").resolve(jobId);
  }

  /** The newest checkpoint triggered and not completed, if one is in flight now. */
  OptionalLong inFlight() {
    return checkpoints().stream()
        .filter(chk -> !Files.exists(chk.resolve("_metadata")))
        .mapToLong(CheckpointMoments::number)
        .max();
  }

  /** The newest completed checkpoint's number, or 0. */
  long newestCompleted() {
    return checkpoints().stream()
        .filter(chk -> Files.exists(chk.resolve("_metadata")))
        .mapToLong(CheckpointMoments::number)
        .max()
        .orElse(0);
  }

  /** Whether checkpoint {@code number} completed (its directory holds its metadata). */
  boolean completed(long number) {
    return Files.exists(jobDir.resolve("chk-" + number).resolve("_metadata"));
  }

  private List<Path> checkpoints() {
    if (!Files.isDirectory(jobDir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(jobDir)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("chk-")).toList();
    } catch (IOException e) {
      // Flink deleted a subsumed checkpoint while we listed: the next poll sees the new state.
      return List.of();
    }
  }

  private static long number(Path checkpoint) {
    return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
  }
}
