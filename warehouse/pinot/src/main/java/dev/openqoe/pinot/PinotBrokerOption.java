package dev.openqoe.pinot;

import picocli.CommandLine.Option;

/** The {@code --broker} option of every command that queries Pinot, as a picocli mixin. */
public final class PinotBrokerOption {

  @Option(
      names = "--broker",
      defaultValue = "${env:QOE_PINOT_BROKER:-http://127.0.0.1:" + PinotDefaults.BROKER_PORT + "}",
      description = "Pinot broker URL (env QOE_PINOT_BROKER). Default: ${DEFAULT-VALUE}.")
  String url;

  public String url() {
    return url;
  }

  public PinotBroker broker() {
    return new PinotBroker(url);
  }
}
