package dev.openqoe.trino;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Trino server release, downloaded once from a Maven repository, checked against the {@code
 * .sha1} published beside it, and unpacked into {@code <cache>/<version>}. Each step writes under a
 * temporary name and renames when complete, so an interrupted download or unpack is never taken for
 * a cached release: the version directory exists only once it is whole.
 */
public final class TrinoDistribution {

  private static final int BUFFER = 1 << 16;

  private final URI repository;
  private final String version;
  private final Path cacheDir;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(20))
          .build();

  /**
   * @param repository a Maven repository's base URL (Maven Central, or a mirror of it)
   * @param version the trino-server version
   * @param cacheDir where releases are kept, one directory per version
   */
  public TrinoDistribution(URI repository, String version, Path cacheDir) {
    this.repository =
        repository.toString().endsWith("/") ? repository : URI.create(repository + "/");
    this.version = version;
    this.cacheDir = cacheDir.toAbsolutePath();
  }

  /** Our release in the cache {@link TrinoDefaults#cacheDir} names for this environment. */
  public static TrinoDistribution standard(java.util.Map<String, String> env) {
    return new TrinoDistribution(
        TrinoDefaults.MAVEN_CENTRAL, TrinoDefaults.VERSION, TrinoDefaults.cacheDir(env));
  }

  /** The unpacked release: {@code bin/}, {@code lib/}, {@code plugin/}. */
  public Path home() {
    return cacheDir.resolve(version);
  }

  public String version() {
    return version;
  }

  /** Whether the release is unpacked whole in the cache. */
  public boolean isInstalled() {
    return Files.isDirectory(home().resolve("lib"));
  }

  /** The release's URL in the repository. */
  public URI tarballUrl() {
    return repository.resolve("io/trino/trino-server/" + version + "/" + tarballName());
  }

  /**
   * Downloads and unpacks the release unless it is in the cache already, printing progress lines.
   * Another process installing the same cache at the same time is waited for.
   *
   * @return {@link #home()}
   * @throws IllegalStateException when the download fails, does not match its checksum, or does not
   *     unpack; nothing half-done is left to be taken for the release
   */
  public Path install(Consumer<String> progress) {
    if (isInstalled()) {
      return home();
    }
    try {
      Files.createDirectories(cacheDir);
      try (FileChannel lockFile =
              FileChannel.open(
                  cacheDir.resolve(".install.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (isInstalled()) {
          return home();
        }
        Path tarball = cacheDir.resolve(tarballName());
        if (!Files.exists(tarball)) {
          download(tarball, progress);
        }
        unpack(tarball, progress);
        Files.delete(tarball);
        return home();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install Trino " + version + " in " + cacheDir, e);
    }
  }

  private String tarballName() {
    return "trino-server-" + version + ".tar.gz";
  }

  /**
   * Downloads to {@code <tarball>.partial}, checks the SHA-1, then renames it to {@code tarball}.
   */
  private void download(Path tarball, Consumer<String> progress) throws IOException {
    URI url = tarballUrl();
    String expectedSha1 = expectedSha1(url);
    Path partial = tarball.resolveSibling(tarball.getFileName() + ".partial");
    HttpResponse<InputStream> response = get(url, HttpResponse.BodyHandlers.ofInputStream());
    long total = response.headers().firstValueAsLong("content-length").orElse(-1);
    progress.accept(
        "downloading "
            + url
            + (total > 0 ? String.format(Locale.ROOT, " (%d MB)", total / 1_000_000) : "")
            + " into "
            + cacheDir);
    MessageDigest sha1 = sha1();
    long started = System.nanoTime();
    try (InputStream in = new DigestInputStream(response.body(), sha1);
        OutputStream out = Files.newOutputStream(partial)) {
      copyWithProgress(in, out, total, "downloaded", started, progress);
    } catch (IOException e) {
      Files.deleteIfExists(partial);
      throw new IllegalStateException("download of " + url + " broke off: " + e.getMessage(), e);
    }
    String actualSha1 = HexFormat.of().formatHex(sha1.digest());
    if (!actualSha1.equals(expectedSha1)) {
      Files.deleteIfExists(partial);
      throw new IllegalStateException(
          "the download of "
              + url
              + " does not match its published checksum (SHA-1 "
              + actualSha1
              + ", expected "
              + expectedSha1
              + "); it was deleted, run again to download it anew");
    }
    Files.move(partial, tarball, StandardCopyOption.ATOMIC_MOVE);
    progress.accept("checksum matches (SHA-1 " + actualSha1 + ")");
  }

  private String expectedSha1(URI url) {
    URI sha1Url = URI.create(url + ".sha1");
    String body;
    try {
      body = get(sha1Url, HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII)).body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot fetch " + sha1Url + ": " + e.getMessage(), e);
    }
    // The file holds the hex digest, sometimes followed by the file name.
    String digest = body.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
    if (!digest.matches("[0-9a-f]{40}")) {
      throw new IllegalStateException(sha1Url + " holds no SHA-1 digest: '" + body.strip() + "'");
    }
    return digest;
  }

  private <T> HttpResponse<T> get(URI url, HttpResponse.BodyHandler<T> body) throws IOException {
    HttpResponse<T> response;
    try {
      response = http.send(HttpRequest.newBuilder(url).GET().build(), body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching " + url, e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + " answered HTTP " + response.statusCode());
    }
    return response;
  }

  /**
   * Unpacks with the system's {@code tar} (the release links files between its plugins with hard
   * links, which tar restores), fed from here so the progress lines can count the bytes.
   */
  private void unpack(Path tarball, Consumer<String> progress) throws IOException {
    Path unpacking = cacheDir.resolve(version + ".unpacking");
    deleteTree(unpacking);
    Files.createDirectories(unpacking);
    Path tarLog = cacheDir.resolve(version + ".unpack.log");
    progress.accept("unpacking " + tarball.getFileName() + " into " + home());
    Process tar =
        new ProcessBuilder("tar", "-xzf", "-", "--strip-components=1", "-C", unpacking.toString())
            .redirectErrorStream(true)
            .redirectOutput(tarLog.toFile())
            .start();
    long started = System.nanoTime();
    try (InputStream in = Files.newInputStream(tarball);
        OutputStream out = tar.getOutputStream()) {
      copyWithProgress(in, out, Files.size(tarball), "unpacked", started, progress);
    } catch (IOException e) {
      tar.destroyForcibly();
      deleteTree(unpacking);
      throw new IllegalStateException(
          "tar stopped reading " + tarball + ": " + Files.readString(tarLog).strip(), e);
    }
    int exit;
    try {
      exit = tar.waitFor();
    } catch (InterruptedException e) {
      tar.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while unpacking " + tarball, e);
    }
    if (exit != 0 || !Files.isDirectory(unpacking.resolve("lib"))) {
      String why = Files.readString(tarLog).strip();
      deleteTree(unpacking);
      throw new IllegalStateException(
          "cannot unpack " + tarball + " (tar exit code " + exit + "): " + why);
    }
    Files.delete(tarLog);
    Files.move(unpacking, home(), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Copies {@code in} to {@code out}, with a progress line at every tenth of {@code total}. */
  private static void copyWithProgress(
      InputStream in,
      OutputStream out,
      long total,
      String verb,
      long startedNanos,
      Consumer<String> progress)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    long done = 0;
    int reportedTenths = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
      done += n;
      int tenths = total > 0 ? (int) (done * 10 / total) : 0;
      if (tenths > reportedTenths && tenths < 10) {
        reportedTenths = tenths;
        progress.accept(
            String.format(
                Locale.ROOT,
                "  %s %d %% (%d MB, %.1f s)",
                verb,
                tenths * 10,
                done / 1_000_000,
                (System.nanoTime() - startedNanos) / 1e9));
      }
    }
    progress.accept(
        String.format(
            Locale.ROOT,
            "  %s %d MB in %.1f s",
            verb,
            done / 1_000_000,
            (System.nanoTime() - startedNanos) / 1e9));
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-1", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
