package dev.openqoe.replay;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.PlaybackError;
import dev.openqoe.protocol.SessionDimensions;
import dev.openqoe.protocol.StreamType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The binary form of a beacon in replay's temporary sort runs. Not a storage format: runs are read
 * back by the same process that wrote them, so it favours speed (several times faster than generic
 * Avro here) over evolvability.
 */
final class SpillCodec {

  private static final EventType[] TYPES = EventType.values();
  private static final ErrorCategory[] CATEGORIES = ErrorCategory.values();
  private static final StreamType[] STREAM_TYPES = StreamType.values();

  private SpillCodec() {}

  static void write(NumberedBeacon entry, DataOutput out) throws IOException {
    BeaconEvent b = entry.beacon();
    out.writeLong(entry.line());
    out.writeUTF(b.sessionId());
    out.writeLong(b.seq());
    out.writeByte(b.type().ordinal());
    out.writeLong(b.ts());
    out.writeInt(b.bitrateKbps() == null ? -1 : b.bitrateKbps());
    out.writeLong(b.playheadMs() == null ? -1 : b.playheadMs());
    PlaybackError error = b.error();
    out.writeBoolean(error != null);
    if (error != null) {
      out.writeUTF(error.code());
      out.writeBoolean(error.fatal());
      out.writeByte(error.category().ordinal());
    }
    SessionDimensions d = b.dimensions();
    writeText(out, d.viewerId());
    writeText(out, d.assetId());
    out.writeByte(d.streamType() == null ? -1 : d.streamType().ordinal());
    writeText(out, d.playerName());
    writeText(out, d.playerVersion());
    writeText(out, d.deviceType());
    writeText(out, d.os());
    writeText(out, d.appVersion());
    writeText(out, d.cdn());
    writeText(out, d.drmSystem());
    Map<String, String> custom = d.custom();
    out.writeByte(custom == null ? -1 : custom.size());
    if (custom != null) {
      for (Map.Entry<String, String> e : custom.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
    }
  }

  /** Reads the entry whose line number, written first by {@link #write}, was {@code line}. */
  static NumberedBeacon read(DataInput in, long line) throws IOException {
    String sessionId = in.readUTF();
    long seq = in.readLong();
    EventType type = TYPES[in.readByte()];
    long ts = in.readLong();
    int bitrate = in.readInt();
    long playhead = in.readLong();
    PlaybackError error = null;
    if (in.readBoolean()) {
      error = new PlaybackError(in.readUTF(), in.readBoolean(), CATEGORIES[in.readByte()]);
    }
    String viewerId = readText(in);
    String assetId = readText(in);
    byte streamType = in.readByte();
    String playerName = readText(in);
    String playerVersion = readText(in);
    String deviceType = readText(in);
    String os = readText(in);
    String appVersion = readText(in);
    String cdn = readText(in);
    String drmSystem = readText(in);
    byte customSize = in.readByte();
    Map<String, String> custom = null;
    if (customSize >= 0) {
      custom = new LinkedHashMap<>();
      for (int i = 0; i < customSize; i++) {
        custom.put(in.readUTF(), in.readUTF());
      }
    }
    SessionDimensions dims =
        new SessionDimensions(
            viewerId,
            assetId,
            streamType < 0 ? null : STREAM_TYPES[streamType],
            playerName,
            playerVersion,
            deviceType,
            os,
            appVersion,
            cdn,
            drmSystem,
            custom);
    return new NumberedBeacon(
        new BeaconEvent(
            sessionId,
            seq,
            type,
            ts,
            bitrate < 0 ? null : bitrate,
            playhead < 0 ? null : playhead,
            error,
            dims),
        line);
  }

  private static void writeText(DataOutput out, String text) throws IOException {
    out.writeBoolean(text != null);
    if (text != null) {
      out.writeUTF(text);
    }
  }

  private static String readText(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
