package dev.openqoe.bench.path;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The pipeline's output for Pinot alone: the rows of a {@link RowPool} written again to {@code
 * qoe.sessions.v1} and {@code qoe.intervals.v1} at the rows per second a beacon rate makes (the
 * pool's rows per beacon), keyed by session id as the pipeline keys them. Each pass over the pool
 * appends its own suffix to the session ids, so Pinot gets new keys and never drops repeats. Counts
 * rows; {@link #unitsPerBeacon()} converts.
 */
final class RowLoad implements Load {

  private static final long TICK_MICROS = 2000;
  private static final double BACKLOG_CAP_SECONDS = 120;
  private static final int MAX_IN_FLIGHT = 20_000;

  private final RowPool pool;
  private final KafkaProducer<byte[], byte[]> producer;
  private final String bootstrap;
  private final LoadCounters counters = new LoadCounters();
  private final ScheduledExecutorService ticker;
  private final AtomicInteger inFlight = new AtomicInteger();

  // ticker thread only
  private final RowStream sessions;
  private final RowStream intervals;
  private long lastTick = System.nanoTime();

  private volatile double rate;
  private volatile double backlogSeconds;

  /** One topic's rows in turn, pass after pass, with the rows it owes. */
  private final class RowStream {
    final String topic;
    final List<RowPool.Row> rows;
    final double perBeacon;
    int next;
    long pass;
    double credit;

    RowStream(String topic, List<RowPool.Row> rows, double perBeacon) {
      this.topic = topic;
      this.rows = rows;
      this.perBeacon = perBeacon;
    }

    void send(double seconds, double beaconsPerSecond) {
      double perSecond = beaconsPerSecond * perBeacon;
      credit = Math.min(credit + perSecond * seconds, perSecond * BACKLOG_CAP_SECONDS);
      while (credit >= 1 && inFlight.get() < MAX_IN_FLIGHT) {
        RowPool.Row row = rows.get(next);
        byte[] suffix = ("-r" + pass).getBytes(StandardCharsets.US_ASCII);
        byte[] key = (row.sessionId() + "-r" + pass).getBytes(StandardCharsets.UTF_8);
        if (++next == rows.size()) {
          next = 0;
          pass++;
        }
        credit--;
        inFlight.incrementAndGet();
        counters.beaconsSent.incrementAndGet();
        producer.send(
            new ProducerRecord<>(topic, key, row.withSuffix(suffix)),
            (metadata, error) -> {
              inFlight.decrementAndGet();
              counters.record(
                  error == null
                      ? Sender.Outcome.stored(1, 0)
                      : Sender.Outcome.failed(1, "Kafka: " + error));
            });
      }
    }

    double backlogSeconds(double beaconsPerSecond) {
      return Math.max(0, credit) / (beaconsPerSecond * perBeacon);
    }
  }

  RowLoad(String bootstrap, RowPool pool) {
    this.bootstrap = bootstrap;
    this.pool = pool;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.sessions = new RowStream(RowPool.SESSIONS, pool.sessions(), pool.sessionsPerBeacon());
    this.intervals = new RowStream(RowPool.INTERVALS, pool.intervals(), pool.intervalsPerBeacon());
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "row-pacer");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleAtFixedRate(this::tick, 0, TICK_MICROS, TimeUnit.MICROSECONDS);
  }

  private void tick() {
    long now = System.nanoTime();
    double seconds = (now - lastTick) / 1e9;
    lastTick = now;
    double current = rate;
    if (current <= 0) {
      sessions.credit = 0;
      intervals.credit = 0;
      backlogSeconds = 0;
      return;
    }
    try {
      sessions.send(seconds, current);
      intervals.send(seconds, current);
      backlogSeconds =
          Math.max(sessions.backlogSeconds(current), intervals.backlogSeconds(current));
    } catch (RuntimeException e) {
      counters.record(Sender.Outcome.failed(1, "row feed stopped: " + e));
      System.err.println("bench-path: row feed stopped: " + e);
      throw e;
    }
  }

  @Override
  public void rate(double beaconsPerSecond) {
    rate = beaconsPerSecond;
  }

  @Override
  public LoadCounters counters() {
    return counters;
  }

  @Override
  public double unitsPerBeacon() {
    return pool.sessionsPerBeacon() + pool.intervalsPerBeacon();
  }

  @Override
  public double backlogSeconds() {
    return backlogSeconds;
  }

  @Override
  public String target() {
    return "Kafka " + bootstrap + " " + RowPool.SESSIONS + ", " + RowPool.INTERVALS;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
  }
}
