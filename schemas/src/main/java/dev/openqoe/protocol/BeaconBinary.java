package dev.openqoe.protocol;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compact binary form of beacons for data the same software writes and reads back soon after:
 * replay's temporary sort runs and the stream jobs' operator state and network buffers. Several
 * times faster than generic Avro; not a storage or wire format (those are Avro, see {@link
 * AvroSchemas}), so it may change between releases as long as {@link #FORMAT_VERSION} changes too.
 */
public final class BeaconBinary {

  /** Written first by {@link #writeIngested}, so state written by another release is detected. */
  public static final int FORMAT_VERSION = 2;

  private static final EventType[] TYPES = EventType.values();
  private static final ErrorCategory[] CATEGORIES = ErrorCategory.values();
  private static final StreamType[] STREAM_TYPES = StreamType.values();
  private static final IngestSource[] SOURCES = IngestSource.values();
  private static final CmcdReportMode[] CMCD_MODES = CmcdReportMode.values();

  private BeaconBinary() {}

  public static void writeEvent(BeaconEvent b, DataOutput out) throws IOException {
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
    writeDimensions(b.dimensions(), out);
    CmcdReport cmcd = b.cmcd();
    out.writeBoolean(cmcd != null);
    if (cmcd != null) {
      out.writeByte(cmcd.mode().ordinal());
      out.writeLong(cmcd.sn());
      writeText(cmcd.state(), out);
      writeText(cmcd.event(), out);
      writeText(cmcd.payload(), out);
    }
  }

  public static BeaconEvent readEvent(DataInput in) throws IOException {
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
    return new BeaconEvent(
        sessionId,
        seq,
        type,
        ts,
        bitrate < 0 ? null : bitrate,
        playhead < 0 ? null : playhead,
        error,
        readDimensions(in),
        in.readBoolean() ? readCmcd(in) : null);
  }

  private static CmcdReport readCmcd(DataInput in) throws IOException {
    CmcdReportMode mode = CMCD_MODES[in.readByte()];
    long sn = in.readLong();
    String state = readText(in);
    String event = readText(in);
    return new CmcdReport(mode, sn, state, event, readText(in));
  }

  public static void writeDimensions(SessionDimensions d, DataOutput out) throws IOException {
    writeText(d.viewerId(), out);
    writeText(d.assetId(), out);
    out.writeByte(d.streamType() == null ? -1 : d.streamType().ordinal());
    writeText(d.playerName(), out);
    writeText(d.playerVersion(), out);
    writeText(d.deviceType(), out);
    writeText(d.os(), out);
    writeText(d.appVersion(), out);
    writeText(d.cdn(), out);
    writeText(d.drmSystem(), out);
    Map<String, String> custom = d.custom();
    out.writeByte(custom == null ? -1 : custom.size());
    if (custom != null) {
      for (Map.Entry<String, String> e : custom.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
    }
  }

  public static SessionDimensions readDimensions(DataInput in) throws IOException {
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
    return dims.equals(SessionDimensions.NONE) ? SessionDimensions.NONE : dims;
  }

  public static void writeReceipt(Receipt r, DataOutput out) throws IOException {
    out.writeLong(r.receivedAt());
    out.writeUTF(r.propertyId());
    out.writeByte(r.source().ordinal());
    writeText(r.clientIp(), out);
    writeText(r.country(), out);
    writeText(r.region(), out);
    out.writeLong(r.asn() == null ? -1 : r.asn());
    writeText(r.browser(), out);
    writeText(r.browserVersion(), out);
    writeText(r.os(), out);
    writeText(r.osVersion(), out);
    writeText(r.device(), out);
  }

  public static Receipt readReceipt(DataInput in) throws IOException {
    long receivedAt = in.readLong();
    String propertyId = in.readUTF();
    IngestSource source = SOURCES[in.readByte()];
    String clientIp = readText(in);
    String country = readText(in);
    String region = readText(in);
    long asn = in.readLong();
    return new Receipt(
        receivedAt,
        propertyId,
        source,
        clientIp,
        country,
        region,
        asn < 0 ? null : asn,
        readText(in),
        readText(in),
        readText(in),
        readText(in),
        readText(in));
  }

  public static void writeIngested(IngestedBeacon beacon, DataOutput out) throws IOException {
    out.writeByte(FORMAT_VERSION);
    writeEvent(beacon.event(), out);
    writeReceipt(beacon.receipt(), out);
  }

  public static IngestedBeacon readIngested(DataInput in) throws IOException {
    int version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new IOException(
          "beacon written in binary format " + version + ", this release reads " + FORMAT_VERSION);
    }
    return new IngestedBeacon(readEvent(in), readReceipt(in));
  }

  public static void writeText(String text, DataOutput out) throws IOException {
    out.writeBoolean(text != null);
    if (text != null) {
      out.writeUTF(text);
    }
  }

  public static String readText(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
