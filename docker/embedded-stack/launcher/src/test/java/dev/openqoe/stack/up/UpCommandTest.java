package dev.openqoe.stack.up;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UpCommandTest {

  private static UpCommand parse(String... args) {
    UpCommand command = new UpCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void withoutAlertmanagerOrSloFileTheEmbeddedStacksSlosGoToTheLogOnly() {
    UpCommand command = parse();

    assertThat(command.alertmanagers).isEmpty();
    assertThat(command.sloFile).as("resolved to the shipped file under --home").isNull();
  }

  @Test
  void alertmanagersAreRepeatedOrCommaSeparated() {
    assertThat(
            parse("--alertmanager", "http://a:9093", "--alertmanager", "http://b:9093")
                .alertmanagers)
        .containsExactly("http://a:9093", "http://b:9093");
    assertThat(parse("--alertmanager", "http://a:9093,http://b:9093").alertmanagers)
        .containsExactly("http://a:9093", "http://b:9093");
  }
}
