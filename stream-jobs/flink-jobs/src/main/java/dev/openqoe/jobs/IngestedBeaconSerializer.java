package dev.openqoe.jobs;

import dev.openqoe.protocol.BeaconBinary;
import dev.openqoe.protocol.IngestedBeacon;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for beacons between operators, in {@link BeaconBinary} form. Beacons are
 * immutable records, so copies are the same object; Kryo would be slower and cannot rebuild the
 * immutable maps they hold.
 */
public final class IngestedBeaconSerializer extends TypeSerializerSingleton<IngestedBeacon> {

  public static final IngestedBeaconSerializer INSTANCE = new IngestedBeaconSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public IngestedBeacon createInstance() {
    return null;
  }

  @Override
  public IngestedBeacon copy(IngestedBeacon from) {
    return from;
  }

  @Override
  public IngestedBeacon copy(IngestedBeacon from, IngestedBeacon reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(IngestedBeacon beacon, DataOutputView target) throws IOException {
    BeaconBinary.writeIngested(beacon, target);
  }

  @Override
  public IngestedBeacon deserialize(DataInputView source) throws IOException {
    return BeaconBinary.readIngested(source);
  }

  @Override
  public IngestedBeacon deserialize(IngestedBeacon reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<IngestedBeacon> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Lets restored state find this serializer again. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<IngestedBeacon> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
