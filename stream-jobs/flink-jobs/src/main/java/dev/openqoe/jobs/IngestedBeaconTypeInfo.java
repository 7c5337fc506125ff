package dev.openqoe.jobs;

import dev.openqoe.protocol.IngestedBeacon;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Tells Flink to move beacons with {@link IngestedBeaconSerializer}. */
public final class IngestedBeaconTypeInfo extends TypeInformation<IngestedBeacon> {

  public static final IngestedBeaconTypeInfo INSTANCE = new IngestedBeaconTypeInfo();

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<IngestedBeacon> getTypeClass() {
    return IngestedBeacon.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<IngestedBeacon> createSerializer(SerializerConfig config) {
    return IngestedBeaconSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "IngestedBeacon";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof IngestedBeaconTypeInfo;
  }

  @Override
  public int hashCode() {
    return IngestedBeaconTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object obj) {
    return obj instanceof IngestedBeaconTypeInfo;
  }
}
