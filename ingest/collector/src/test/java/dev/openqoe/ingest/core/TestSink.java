package dev.openqoe.ingest.core;

import dev.openqoe.ops.OpsRejected;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.RejectedBeacon;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A sink in memory: keeps every batch sent, and acknowledges at once (by default), fails at once,
 * or holds the acknowledgements until the test releases them.
 */
final class TestSink implements RecordSink {

  /** One request's records, in the order the collector added them. */
  static final class Batch implements RecordBatch {
    final List<Object> records = new ArrayList<>();

    @Override
    public void add(IngestedBeacon beacon) {
      records.add(beacon);
    }

    @Override
    public void add(RejectedBeacon rejected) {
      records.add(rejected);
    }

    @Override
    public void add(OpsRecord record) {
      records.add(record);
    }

    @Override
    public void add(OpsRejected rejected, String propertyId) {
      records.add(new RefusedOpsBody(rejected, propertyId));
    }
  }

  /** A delivery-chain body the collector refused, as the sink received it. */
  record RefusedOpsBody(OpsRejected rejected, String propertyId) {}

  private final List<Batch> sent = new ArrayList<>();
  private final List<Consumer<Exception>> held = new ArrayList<>();
  private Exception failure;
  private boolean holding;

  /** From now on every send fails at once with {@code failure}. */
  void failWith(Exception failure) {
    this.failure = failure;
  }

  /** From now on acknowledgements wait for {@link #acknowledgeHeld} or {@link #failHeld}. */
  void hold() {
    holding = true;
  }

  void acknowledgeHeld() {
    release(null);
  }

  void failHeld(Exception failure) {
    release(failure);
  }

  private void release(Exception outcome) {
    List<Consumer<Exception>> waiting = List.copyOf(held);
    held.clear();
    waiting.forEach(done -> done.accept(outcome));
  }

  @Override
  public RecordBatch newBatch() {
    return new Batch();
  }

  @Override
  public void send(RecordBatch batch, Consumer<Exception> done) {
    sent.add((Batch) batch);
    if (holding) {
      held.add(done);
    } else {
      done.accept(failure);
    }
  }

  /** Every batch sent, in order. */
  List<Batch> batches() {
    return sent;
  }

  /** Every record sent, in order. */
  List<Object> records() {
    return sent.stream().flatMap(batch -> batch.records.stream()).toList();
  }

  List<IngestedBeacon> beacons() {
    return records().stream()
        .filter(IngestedBeacon.class::isInstance)
        .map(IngestedBeacon.class::cast)
        .toList();
  }

  List<OpsRecord> opsRecords() {
    return records().stream()
        .filter(OpsRecord.class::isInstance)
        .map(OpsRecord.class::cast)
        .toList();
  }

  List<RefusedOpsBody> refusedOpsBodies() {
    return records().stream()
        .filter(RefusedOpsBody.class::isInstance)
        .map(RefusedOpsBody.class::cast)
        .toList();
  }

  List<RejectedBeacon> deadLetters() {
    return records().stream()
        .filter(RejectedBeacon.class::isInstance)
        .map(RejectedBeacon.class::cast)
        .toList();
  }
}
