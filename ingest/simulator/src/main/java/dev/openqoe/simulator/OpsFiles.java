package dev.openqoe.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The raw delivery-chain records written beside the beacons file, one file per feed, as each stage
 * would store them: for {@code beacons.jsonl}, {@code beacons.cloudfront.log} (one CloudFront log
 * file, one header), {@code beacons.cdn.jsonl}, {@code beacons.drm.jsonl} and {@code
 * beacons.mediaconvert.jsonl} (NDJSON). A file exists once its feed has a record.
 */
final class OpsFiles implements OpsSink, AutoCloseable {

  private final Path beaconsFile;
  private final Map<DeliveryFeed, BufferedWriter> files = new EnumMap<>(DeliveryFeed.class);

  OpsFiles(Path beaconsFile) {
    this.beaconsFile = beaconsFile;
  }

  /** Where a feed's records go beside {@code beaconsFile}. */
  static Path fileOf(Path beaconsFile, DeliveryFeed feed) {
    String name = beaconsFile.getFileName().toString();
    int dot = name.indexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return beaconsFile.resolveSibling(stem + "." + feed.fileSuffix());
  }

  @Override
  public synchronized void write(DeliveryFeed feed, List<String> records) {
    Path path = fileOf(beaconsFile, feed);
    try {
      BufferedWriter out = files.get(feed);
      if (out == null) {
        out = Files.newBufferedWriter(path);
        out.write(feed.header());
        files.put(feed, out);
      }
      for (String record : records) {
        out.write(record);
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write delivery-chain records to " + path, e);
    }
  }

  @Override
  public synchronized void close() {
    for (Map.Entry<DeliveryFeed, BufferedWriter> file : files.entrySet()) {
      try {
        file.getValue().close();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write delivery-chain records to " + fileOf(beaconsFile, file.getKey()), e);
      }
    }
  }
}
