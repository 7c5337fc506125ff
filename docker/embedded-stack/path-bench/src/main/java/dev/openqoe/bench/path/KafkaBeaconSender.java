package dev.openqoe.bench.path;

import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.ingest.kafka.BeaconSink;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.Receipt;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes a session's requests straight to {@code qoe.beacons.v1} as the collector would have stored
 * them: the collector's own producer ({@link BeaconSink}, its default settings), each beacon with a
 * receipt stamped when it is written and the viewer's country, ASN and /24 network. What the
 * pipeline reads is then the collector's output without the collector's CPU on the machine.
 */
final class KafkaBeaconSender implements Sender {

  private final BeaconSink sink;
  private final String bootstrap;

  KafkaBeaconSender(String bootstrap) {
    this.bootstrap = bootstrap;
    this.sink = new BeaconSink(bootstrap, CollectorConfig.load(new String[0], Map.of()), e -> {});
    sink.awaitTopics(Duration.ofSeconds(30));
  }

  @Override
  public void send(
      SessionPool.Session session, SessionPool.Request request, String tag, Done done) {
    String sessionId = session.sessionId(tag);
    Receipt receipt =
        new Receipt(
            System.currentTimeMillis(),
            "bench",
            IngestSource.BEACON,
            network(session.clientAddress()),
            session.country(),
            null,
            session.asn(),
            null,
            null,
            null,
            null,
            null);
    BeaconSink.Batch batch = sink.newBatch();
    for (BeaconEvent beacon : request.beacons()) {
      batch.add(new IngestedBeacon(withSessionId(beacon, sessionId), receipt));
    }
    int beacons = request.beacons().size();
    sink.send(
        batch,
        error ->
            done.accept(
                error == null
                    ? Sender.Outcome.stored(beacons, 0)
                    : Sender.Outcome.failed(beacons, "Kafka: " + error)));
  }

  /** The address as the collector stores it: its /24. */
  static String network(String ipv4) {
    return ipv4.substring(0, ipv4.lastIndexOf('.')) + ".0";
  }

  private static BeaconEvent withSessionId(BeaconEvent beacon, String sessionId) {
    return new BeaconEvent(
        sessionId,
        beacon.seq(),
        beacon.type(),
        beacon.ts(),
        beacon.bitrateKbps(),
        beacon.playheadMs(),
        beacon.error(),
        beacon.dimensions(),
        beacon.cmcd());
  }

  @Override
  public AutoCloseable every(long periodMillis, Runnable tick) {
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "kafka-load-pacer");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleAtFixedRate(tick, 0, periodMillis, TimeUnit.MILLISECONDS);
    return () -> {
      ticker.shutdownNow();
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    };
  }

  @Override
  public String target() {
    return "Kafka " + bootstrap + " qoe.beacons.v1";
  }

  @Override
  public void close() {
    sink.close();
  }
}
