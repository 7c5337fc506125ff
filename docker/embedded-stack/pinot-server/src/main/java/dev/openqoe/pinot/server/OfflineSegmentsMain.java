package dev.openqoe.pinot.server;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.pinot.common.utils.FileUploadDownloadClient;
import org.apache.pinot.common.utils.TarGzCompressionUtils;
import org.apache.pinot.segment.local.segment.creator.impl.SegmentIndexCreationDriverImpl;
import org.apache.pinot.segment.spi.creator.SegmentGeneratorConfig;
import org.apache.pinot.spi.config.table.TableConfig;
import org.apache.pinot.spi.config.table.TableType;
import org.apache.pinot.spi.data.Schema;
import org.apache.pinot.spi.data.readers.FileFormat;
import org.apache.pinot.spi.utils.JsonUtils;
import org.apache.pinot.spi.utils.builder.TableNameBuilder;

/**
 * Builds OFFLINE segments with Pinot's own segment tools (dictionaries, inverted, range and bloom
 * indexes, star-trees: whatever the table config asks for, exactly as a Pinot server builds them)
 * from files of JSON rows, one segment per file, and uploads each to the controller. Runs in a JVM
 * on qoe-pinot-server's classpath, like {@link EmbeddedPinotMain}, because Pinot's libraries clash
 * with ours.
 *
 * <p>Arguments: {@code <controller-url> <table-config.json> <schema.json> <input-dir> <work-dir>
 * <threads>}; every {@code *.json} file of the input directory becomes the segment named after it.
 * Prints one line per segment; exits 1 on the first failure.
 */
public final class OfflineSegmentsMain {

  private OfflineSegmentsMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println(
          "usage: OfflineSegmentsMain <controller-url> <table-config.json> <schema.json>"
              + " <input-dir> <work-dir> <threads>");
      System.exit(2);
    }
    URI controller = URI.create(args[0]);
    TableConfig table = JsonUtils.fileToObject(new File(args[1]), TableConfig.class);
    Schema schema = Schema.fromFile(new File(args[2]));
    Path workDir = Path.of(args[4]);
    List<Path> inputs;
    try (Stream<Path> files = Files.list(Path.of(args[3]))) {
      inputs = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(args[5]));
    List<Future<?>> builds = new ArrayList<>();
    for (Path input : inputs) {
      builds.add(pool.submit(() -> buildAndUpload(controller, table, schema, input, workDir)));
    }
    try {
      for (Future<?> build : builds) {
        build.get();
      }
    } catch (Exception e) {
      System.err.println("segment build failed: " + e.getCause());
      e.printStackTrace();
      System.exit(1);
    }
    pool.shutdown();
    System.exit(0);
  }

  private static Void buildAndUpload(
      URI controller, TableConfig table, Schema schema, Path input, Path workDir) throws Exception {
    long begin = System.nanoTime();
    String name = input.getFileName().toString().replace(".json", "");
    Path out = workDir.resolve(name);
    SegmentGeneratorConfig config = new SegmentGeneratorConfig(table, schema);
    config.setInputFilePath(input.toString());
    config.setFormat(FileFormat.JSON);
    config.setOutDir(out.toString());
    config.setTableName(TableNameBuilder.extractRawTableName(table.getTableName()));
    config.setSegmentName(name);
    SegmentIndexCreationDriverImpl driver = new SegmentIndexCreationDriverImpl();
    driver.init(config);
    driver.build();
    long built = System.nanoTime();
    File segmentDir = out.resolve(name).toFile();
    File tar = workDir.resolve(name + ".tar.gz").toFile();
    TarGzCompressionUtils.createTarGzFile(segmentDir, tar);
    try (FileUploadDownloadClient client = new FileUploadDownloadClient()) {
      client.uploadSegment(
          FileUploadDownloadClient.getUploadSegmentURI(controller),
          name,
          tar,
          TableNameBuilder.extractRawTableName(table.getTableName()),
          TableType.OFFLINE);
    }
    System.out.printf(
        "segment %s: %d rows, %d KiB, built in %d ms, uploaded in %d ms%n",
        name,
        driver.getSegmentStats().getTotalDocCount(),
        tar.length() / 1024,
        (built - begin) / 1_000_000,
        (System.nanoTime() - built) / 1_000_000);
    System.out.flush();
    return null;
  }
}
