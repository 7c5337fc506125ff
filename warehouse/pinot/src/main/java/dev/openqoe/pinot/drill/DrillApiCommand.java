package dev.openqoe.pinot.drill;

import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.PinotBrokerOption;
import dev.openqoe.pinot.PinotDefaults;
import dev.openqoe.pinot.explain.Explain;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "drill-api",
    mixinStandardHelpOptions = true,
    description =
        "Serve the drill-down and explain as JSON: GET"
            + " /drill?metric=vsf&by=cdn,country&where=country=BR&since=30m, GET"
            + " /explain?metric=vsf&since=30m")
public final class DrillApiCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on")
  String host;

  @Option(names = "--port", defaultValue = "" + PinotDefaults.DRILL_API_PORT)
  int port;

  @Mixin PinotBrokerOption broker;

  @Override
  public Integer call() throws InterruptedException {
    PinotBroker pinot = broker.broker();
    try (Explain explain = new Explain(pinot, Clock.systemUTC());
        DrillApi api = DrillApi.start(host, port, new Drill(pinot, Clock.systemUTC()), explain)) {
      spec.commandLine()
          .getOut()
          .printf(
              "drill API on http://%s:%d/drill and /explain (Pinot broker %s)%n",
              host, api.port(), pinot.url());
      spec.commandLine().getOut().flush();
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
