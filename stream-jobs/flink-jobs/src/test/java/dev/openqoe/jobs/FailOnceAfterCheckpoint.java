package dev.openqoe.jobs;

import dev.openqoe.protocol.IngestedBeacon;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes beacons through and, once per test run, fails the job on the first beacon after a
 * checkpoint completed: a crash mid-stream with committed work behind it and more still to come.
 * Until then it holds each beacon for a millisecond, so the input cannot run out before the first
 * checkpoint completes, however fast or loaded the machine.
 */
final class FailOnceAfterCheckpoint
    implements MapFunction<IngestedBeacon, IngestedBeacon>, CheckpointListener {

  private static final long serialVersionUID = 1L;

  /** Static: the MiniCluster runs in this JVM, and the flag must survive the restart. */
  static final AtomicBoolean FAILED = new AtomicBoolean();

  private transient boolean checkpointCompleted;

  @Override
  public IngestedBeacon map(IngestedBeacon beacon) throws InterruptedException {
    if (!FAILED.get()) {
      if (checkpointCompleted && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure after a completed checkpoint");
      }
      Thread.sleep(1);
    }
    return beacon;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    checkpointCompleted = true;
  }
}
