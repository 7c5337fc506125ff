package dev.openqoe.stack.up;

import dev.openqoe.cli.ReadyFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** How {@code qoe up} tells that a part serves: the contract the part itself publishes. */
public sealed interface Readiness {

  /** True once the part serves; false while it does not (yet). */
  boolean check() throws InterruptedException;

  /** The part answers 2xx on a health endpoint (the collector's {@code /readyz}). */
  record HttpOk(URI url) implements Readiness {
    private static final HttpClient CLIENT =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @Override
    public boolean check() throws InterruptedException {
      try {
        HttpResponse<Void> response =
            CLIENT.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() / 100 == 2;
      } catch (IOException notYet) {
        return false;
      }
    }
  }

  /** The part has written its {@link ReadyFile} ({@code qoe pinot}, pipeline, simulate). */
  record FileWritten(Path file) implements Readiness {
    @Override
    public boolean check() {
      return ReadyFile.read(file).isPresent();
    }
  }
}
