package dev.openqoe.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release's download and cache, against a small release served from 127.0.0.1. */
class TrinoDistributionTest {

  private static final String PATH = "/maven2/io/trino/trino-server/9/trino-server-9.tar.gz";

  @TempDir Path dir;

  private HttpServer repository;
  private byte[] tarball;
  private String publishedSha1;
  private final AtomicInteger downloads = new AtomicInteger();
  private final List<String> progress = new ArrayList<>();

  @BeforeEach
  void serveARelease() throws Exception {
    tarball = releaseTarball();
    publishedSha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(tarball));
    repository = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    repository.createContext(
        PATH,
        exchange -> {
          byte[] body;
          if (exchange.getRequestURI().getPath().endsWith(".sha1")) {
            body =
                (publishedSha1 + "  trino-server-9.tar.gz\n").getBytes(StandardCharsets.US_ASCII);
          } else {
            downloads.incrementAndGet();
            body = tarball;
          }
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    repository.start();
  }

  @AfterEach
  void stop() {
    repository.stop(0);
  }

  private TrinoDistribution distribution() {
    return new TrinoDistribution(
        URI.create("http://127.0.0.1:" + repository.getAddress().getPort() + "/maven2"),
        "9",
        dir.resolve("cache"));
  }

  @Test
  void theReleaseIsDownloadedCheckedAndUnpackedOnceWithProgressLines() {
    Path home = distribution().install(progress::add);

    assertThat(home).isEqualTo(dir.resolve("cache/9"));
    assertThat(home.resolve("lib/trino-main.jar")).hasContent("main");
    assertThat(home.resolve("plugin/iceberg/trino-iceberg.jar")).hasContent("iceberg");
    assertThat(dir.resolve("cache/trino-server-9.tar.gz")).doesNotExist();
    assertThat(progress)
        .anyMatch(line -> line.startsWith("downloading http://127.0.0.1:"))
        .anyMatch(line -> line.startsWith("checksum matches (SHA-1 " + publishedSha1))
        .anyMatch(line -> line.startsWith("unpacking trino-server-9.tar.gz"));

    assertThat(distribution().install(progress::add)).isEqualTo(home);
    assertThat(downloads).hasValue(1);
  }

  @Test
  void aDownloadThatDoesNotMatchItsChecksumIsDeletedAndNotCached() {
    publishedSha1 = "0".repeat(40);

    assertThatThrownBy(() -> distribution().install(progress::add))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not match its published checksum")
        .hasMessageContaining("expected " + publishedSha1);
    assertThat(distribution().isInstalled()).isFalse();
    assertThat(dir.resolve("cache")).isDirectoryNotContaining("glob:**/*.tar.gz*");
  }

  @Test
  void leftoversOfAnInterruptedInstallAreNotTakenForTheRelease() throws IOException {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Files.write(cache.resolve("trino-server-9.tar.gz.partial"), new byte[] {1, 2, 3});
    Files.createDirectories(cache.resolve("9.unpacking/lib"));

    assertThat(distribution().isInstalled()).isFalse();
    Path home = distribution().install(progress::add);

    assertThat(home.resolve("lib/trino-main.jar")).hasContent("main");
    assertThat(downloads).hasValue(1);
    assertThat(cache.resolve("9.unpacking")).doesNotExist();
    assertThat(cache.resolve("trino-server-9.tar.gz.partial")).doesNotExist();
  }

  /** A release laid out as Trino's: one top directory, lib/ and plugin/. */
  private byte[] releaseTarball() throws IOException, InterruptedException {
    Path release = dir.resolve("src/trino-server-9");
    Files.createDirectories(release.resolve("lib"));
    Files.createDirectories(release.resolve("plugin/iceberg"));
    Files.writeString(release.resolve("lib/trino-main.jar"), "main");
    Files.writeString(release.resolve("plugin/iceberg/trino-iceberg.jar"), "iceberg");
    Path tarball = dir.resolve("src/release.tar.gz");
    Process tar =
        new ProcessBuilder(
                "tar",
                "-czf",
                tarball.toString(),
                "-C",
                dir.resolve("src").toString(),
                "trino-server-9")
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();
    return Files.readAllBytes(tarball);
  }
}
