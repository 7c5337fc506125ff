package dev.openqoe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadyFileTest {

  @TempDir Path dir;

  @Test
  void noFileReadsAsNotReady() {
    assertThat(ReadyFile.read(dir.resolve("pinot.ready"))).isEmpty();
  }

  @Test
  void announcedFactsReadBackWithThePidOfTheWriter() {
    Path file = dir.resolve("run/pinot.ready");

    ReadyFile.announce(file, Map.of("controller", "http://127.0.0.1:9000"));

    assertThat(ReadyFile.read(file))
        .hasValueSatisfying(
            facts ->
                assertThat(facts)
                    .containsEntry("controller", "http://127.0.0.1:9000")
                    .containsEntry(ReadyFile.PID, Long.toString(ProcessHandle.current().pid())));
    assertThat(file.resolveSibling("pinot.ready.partial")).doesNotExist();
  }

  @Test
  void announcingAgainReplacesTheFactsAndWithdrawingRemovesThem() throws Exception {
    Path file = dir.resolve("pipeline.ready");
    ReadyFile.announce(file, Map.of("job", "a"));
    ReadyFile.announce(file, Map.of("job", "b"));

    assertThat(ReadyFile.read(file).orElseThrow()).containsEntry("job", "b");

    ReadyFile.withdraw(file);
    assertThat(Files.exists(file)).isFalse();
    assertThat(ReadyFile.read(file)).isEmpty();
  }
}
