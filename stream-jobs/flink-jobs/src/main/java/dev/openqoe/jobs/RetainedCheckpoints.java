package dev.openqoe.jobs;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle.HandleAndLocalPath;
import org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.filemerging.SegmentFileStateHandle;
import org.apache.flink.runtime.state.filesystem.FileStateHandle;
import org.apache.flink.util.FileUtils;

/**
 * The pipeline's retained checkpoints under {@code <data-dir>/flink-checkpoints}, across the runs
 * that wrote them (each run is a new Flink job, with its own {@code <job id>/chk-N} directories):
 * which one a new run restores, and which are kept.
 *
 * <p>A checkpoint is restorable when its {@code _metadata} loads with Flink's own reader and every
 * state file it names exists with the size it recorded. Flink itself would find a truncated {@code
 * _metadata} only when the job is submitted, and a truncated state file only once the job is
 * deployed, and then fail every restart again; so each candidate is checked first, and the newest
 * restorable one is chosen. Handles of the changelog state backend, which the pipeline does not
 * use, are not looked into.
 *
 * <p>A refused checkpoint is moved to {@code <data-dir>/flink-checkpoints-refused}, never deleted,
 * and the refusal is printed with its reason. When checkpoints exist but none can be restored,
 * nothing is moved and the run stops ({@link NoRestorableCheckpoint}): starting from scratch would
 * lose the open sessions silently. Restorable checkpoints beyond the newest {@link #RETAINED}, and
 * the job directories left without a kept checkpoint, are deleted; the one restored never is.
 */
final class RetainedCheckpoints {

  /** How many restorable checkpoints are kept, across runs; also each running job's retention. */
  static final int RETAINED = 3;

  private static final Pattern JOB_DIRECTORY = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern CHECKPOINT_DIRECTORY = Pattern.compile("chk-[0-9]+");
  private static final String METADATA = "_metadata";

  private final Path root;
  private final Path refusedRoot;

  /**
   * @param root the checkpoint directory Flink writes, {@code <data-dir>/flink-checkpoints}
   */
  RetainedCheckpoints(Path root) {
    this.root = root.toAbsolutePath();
    this.refusedRoot = this.root.resolveSibling(this.root.getFileName() + "-refused");
  }

  /** Where refused checkpoints are moved. */
  Path refusedRoot() {
    return refusedRoot;
  }

  /**
   * The checkpoint a new run restores: the newest restorable one, after moving aside the newer ones
   * refused and deleting what is beyond the {@link #RETAINED} newest restorable ones. Each refusal
   * is printed on {@code log}.
   *
   * @return empty when there is no completed checkpoint at all (a first run)
   * @throws NoRestorableCheckpoint when checkpoints exist but none can be restored; nothing is
   *     moved or deleted then
   */
  Optional<Path> restorePoint(PrintStream log) throws IOException, NoRestorableCheckpoint {
    List<Path> candidates = completed();
    List<Path> kept = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    List<Path> beyond = new ArrayList<>();
    for (Path candidate : candidates) {
      if (kept.size() == RETAINED) {
        beyond.add(candidate);
        continue;
      }
      Optional<String> defect = defect(candidate);
      if (defect.isPresent()) {
        refused.add(new Refusal(candidate, defect.get()));
      } else {
        kept.add(candidate);
      }
    }
    if (kept.isEmpty()) {
      if (refused.isEmpty()) {
        return Optional.empty();
      }
      throw new NoRestorableCheckpoint(noneRestorable(refused));
    }
    for (Refusal refusal : refused) {
      Path aside = moveAside(refusal.checkpoint());
      log.printf(
          "qoe pipeline: refused checkpoint %s: %s; moved to %s%n",
          refusal.checkpoint(), refusal.reason(), aside);
    }
    for (Path old : beyond) {
      FileUtils.deleteDirectory(old.toFile());
    }
    if (!beyond.isEmpty()) {
      log.printf(
          "qoe pipeline: deleted %d checkpoints older than the newest %d restorable ones: %s%n",
          beyond.size(), RETAINED, beyond);
    }
    deleteJobDirectoriesWithout(kept);
    return Optional.of(kept.get(0));
  }

  /** Completed checkpoints (a {@code chk-N} with its {@code _metadata}), newest first. */
  List<Path> completed() throws IOException {
    List<Path> checkpoints = new ArrayList<>();
    for (Path job : jobDirectories()) {
      try (Stream<Path> children = Files.list(job)) {
        children
            .filter(p -> CHECKPOINT_DIRECTORY.matcher(p.getFileName().toString()).matches())
            .filter(p -> Files.isRegularFile(p.resolve(METADATA)))
            .forEach(checkpoints::add);
      }
    }
    checkpoints.sort(
        Comparator.comparing(RetainedCheckpoints::metadataTime)
            .thenComparingLong(RetainedCheckpoints::number)
            .reversed());
    return checkpoints;
  }

  /** Why {@code checkpoint} cannot be restored, or empty when it can. */
  static Optional<String> defect(Path checkpoint) {
    Path metadata = checkpoint.resolve(METADATA);
    CheckpointMetadata loaded;
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(metadata)))) {
      loaded =
          Checkpoints.loadCheckpointMetadata(
              in, RetainedCheckpoints.class.getClassLoader(), checkpoint.toUri().toString());
    } catch (IOException | RuntimeException e) {
      return Optional.of(METADATA + " (" + sizeOf(metadata) + " bytes) does not load: " + e);
    }
    for (OperatorState operator : loaded.getOperatorStates()) {
      for (OperatorSubtaskState subtask : operator.getStates()) {
        for (StreamStateHandle handle : streams(subtask)) {
          Optional<String> missing = missing(handle);
          if (missing.isPresent()) {
            return Optional.of(
                "state of operator "
                    + operator.getOperatorUid().orElse(operator.getOperatorID().toString())
                    + ": "
                    + missing.get());
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The streams a subtask's state is read from: files, or bytes inside the _metadata. */
  private static List<StreamStateHandle> streams(OperatorSubtaskState subtask) {
    List<StreamStateHandle> streams = new ArrayList<>();
    for (OperatorStateHandle handle : subtask.getManagedOperatorState()) {
      streams.add(handle.getDelegateStateHandle());
    }
    for (OperatorStateHandle handle : subtask.getRawOperatorState()) {
      streams.add(handle.getDelegateStateHandle());
    }
    List<KeyedStateHandle> keyed = new ArrayList<>(subtask.getManagedKeyedState());
    keyed.addAll(subtask.getRawKeyedState());
    for (KeyedStateHandle handle : keyed) {
      if (handle instanceof KeyGroupsStateHandle groups) {
        streams.add(groups.getDelegateStateHandle());
      } else if (handle instanceof IncrementalRemoteKeyedStateHandle incremental) {
        streams.add(incremental.getMetaDataStateHandle());
        incremental.getSharedState().stream()
            .map(HandleAndLocalPath::getHandle)
            .forEach(streams::add);
        incremental.getPrivateState().stream()
            .map(HandleAndLocalPath::getHandle)
            .forEach(streams::add);
      }
    }
    subtask.getInputChannelState().forEach(h -> streams.add(h.getDelegate()));
    subtask.getResultSubpartitionState().forEach(h -> streams.add(h.getDelegate()));
    return streams;
  }

  /** What is wrong with the file behind {@code handle}, or empty (also for in-memory handles). */
  private static Optional<String> missing(StreamStateHandle handle) {
    org.apache.flink.core.fs.Path file;
    long needed;
    if (handle instanceof FileStateHandle whole) {
      file = whole.getFilePath();
      needed = whole.getStateSize();
    } else if (handle instanceof SegmentFileStateHandle segment) {
      file = segment.getFilePath();
      needed = segment.getStartPos() + segment.getStateSize();
    } else {
      return Optional.empty();
    }
    FileStatus status;
    try {
      status = file.getFileSystem().getFileStatus(file);
    } catch (IOException e) {
      return Optional.of("state file " + file + " is missing (" + e.getMessage() + ")");
    }
    boolean intact =
        handle instanceof FileStateHandle ? status.getLen() == needed : status.getLen() >= needed;
    return intact
        ? Optional.empty()
        : Optional.of(
            "state file "
                + file
                + " has "
                + status.getLen()
                + " bytes, the checkpoint recorded "
                + needed);
  }

  private List<Path> jobDirectories() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children
          .filter(Files::isDirectory)
          .filter(p -> JOB_DIRECTORY.matcher(p.getFileName().toString()).matches())
          .toList();
    }
  }

  /** Moves a refused checkpoint to the refused directory, as {@code <job id>-chk-N}. */
  private Path moveAside(Path checkpoint) throws IOException {
    Files.createDirectories(refusedRoot);
    String name = checkpoint.getParent().getFileName() + "-" + checkpoint.getFileName();
    Path target = refusedRoot.resolve(name);
    for (int again = 2; Files.exists(target); again++) {
      target = refusedRoot.resolve(name + "." + again);
    }
    return Files.move(checkpoint, target);
  }

  /**
   * Deletes the job directories of earlier runs that hold none of the kept checkpoints: runs pruned
   * whole, or that crashed before their first checkpoint completed.
   */
  private void deleteJobDirectoriesWithout(List<Path> kept) throws IOException {
    Set<Path> keptJobs = new HashSet<>();
    kept.forEach(checkpoint -> keptJobs.add(checkpoint.getParent()));
    for (Path job : jobDirectories()) {
      if (!keptJobs.contains(job)) {
        FileUtils.deleteDirectory(job.toFile());
      }
    }
  }

  private String noneRestorable(List<Refusal> refused) {
    StringBuilder message =
        new StringBuilder()
            .append("none of the ")
            .append(refused.size())
            .append(" checkpoints under ")
            .append(root)
            .append(" can be restored:\n");
    for (Refusal refusal : refused) {
      message.append("  ").append(refusal.checkpoint()).append(": ").append(refusal.reason());
      message.append('\n');
    }
    return message
        .append("The pipeline does not start from scratch on its own: the sessions open at the")
        .append(" last checkpoint live only there. Either put the missing files back (from a")
        .append(" backup) and start again, or start with --no-resume (or move ")
        .append(root)
        .append(" aside first): the pipeline then reads from the Kafka offsets it last committed")
        .append(" (the earliest where it has none), so the sessions open at that point are lost")
        .append(" or split in two, and the rows of up to one checkpoint interval may be missing")
        .append(" or written twice in the warehouse.")
        .toString();
  }

  private static FileTime metadataTime(Path checkpoint) {
    try {
      return Files.getLastModifiedTime(checkpoint.resolve(METADATA));
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static long number(Path checkpoint) {
    return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
  }

  private static String sizeOf(Path file) {
    try {
      return Long.toString(Files.size(file));
    } catch (IOException e) {
      return "unknown";
    }
  }

  private record Refusal(Path checkpoint, String reason) {}

  /** Checkpoints exist, and none of them can be restored: the message says what to do. */
  static final class NoRestorableCheckpoint extends Exception {
    private static final long serialVersionUID = 1L;

    NoRestorableCheckpoint(String message) {
      super(message);
    }
  }
}
