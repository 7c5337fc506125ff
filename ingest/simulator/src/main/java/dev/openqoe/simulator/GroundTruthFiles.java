package dev.openqoe.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's ground truth: {@code sessions.jsonl}, one JSON object per session sorted by
 * session_id, and {@code summary.json}.
 */
public final class GroundTruthFiles {

  public static final String SESSIONS = "sessions.jsonl";
  public static final String SUMMARY = "summary.json";

  private GroundTruthFiles() {}

  public static void write(Path dir, SimulationResult result) {
    try {
      Files.createDirectories(dir);
      try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(SESSIONS))) {
        for (SessionTruth truth : result.sessions()) {
          out.write(truth.toJson().toString());
          out.write('\n');
        }
      }
      Files.writeString(dir.resolve(SUMMARY), result.summary().toPrettyString() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the ground truth to " + dir, e);
    }
  }
}
