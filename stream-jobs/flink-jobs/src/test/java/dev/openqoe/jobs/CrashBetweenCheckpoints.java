package dev.openqoe.jobs;

import dev.openqoe.protocol.IngestedBeacon;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes beacons through and, once per test run, fails the job {@code beaconsAfterCheckpoint}
 * beacons after the latest completed checkpoint: a crash with committed work behind it, rows made
 * since that checkpoint already sent, and more input still to come. Until then it holds each beacon
 * for a millisecond, so the input cannot run out before the crash, however fast the machine.
 */
final class CrashBetweenCheckpoints
    implements MapFunction<IngestedBeacon, IngestedBeacon>, CheckpointListener {

  private static final long serialVersionUID = 1L;

  /** Static: the MiniCluster runs in this JVM, and the flag must survive the restart. */
  static final AtomicBoolean CRASHED = new AtomicBoolean();

  private final int beaconsAfterCheckpoint;
  private transient boolean checkpointCompleted;
  private transient int sinceCheckpoint;

  CrashBetweenCheckpoints(int beaconsAfterCheckpoint) {
    this.beaconsAfterCheckpoint = beaconsAfterCheckpoint;
  }

  @Override
  public IngestedBeacon map(IngestedBeacon beacon) throws InterruptedException {
    if (!CRASHED.get()) {
      if (checkpointCompleted
          && ++sinceCheckpoint >= beaconsAfterCheckpoint
          && CRASHED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected crash between two checkpoints");
      }
      Thread.sleep(1);
    }
    return beacon;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    checkpointCompleted = true;
    sinceCheckpoint = 0;
  }
}
