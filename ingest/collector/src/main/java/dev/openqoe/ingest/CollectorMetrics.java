package dev.openqoe.ingest;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The collector's Prometheus metrics. Label values come from fixed sets (endpoints, reason codes,
 * delivery-chain feeds, configured property ids), never from client input, so a client cannot grow
 * the series count.
 */
public final class CollectorMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);

  private final Counter eventsAccepted =
      Counter.builder()
          .name("qoe_collector_events_accepted_total")
          .help("Beacons stored on qoe.beacons.v1 (Kafka acknowledged)")
          .labelNames("property", "source")
          .register(registry);
  private final Counter opsRecordsAccepted =
      Counter.builder()
          .name("qoe_collector_ops_records_accepted_total")
          .help(
              "Delivery-chain bodies stored as raw records on qoe.ops.raw.<feed> (Kafka acknowledged)")
          .labelNames("property", "feed")
          .register(registry);
  private final Counter opsBytesAccepted =
      Counter.builder()
          .name("qoe_collector_ops_bytes_accepted_total")
          .help(
              "Bytes of the delivery-chain bodies stored on qoe.ops.raw.<feed>, after decompression")
          .labelNames("property", "feed")
          .register(registry);
  private final Counter eventsRejected =
      Counter.builder()
          .name("qoe_collector_events_rejected_total")
          .help("Beacons of accepted requests that failed validation, by reason; sent to the DLQ")
          .labelNames("property", "reason")
          .register(registry);
  private final Counter requestsRejected =
      Counter.builder()
          .name("qoe_collector_requests_rejected_total")
          .help("Requests refused as a whole (4xx/5xx), by reason")
          .labelNames("reason")
          .register(registry);
  private final Counter requests =
      Counter.builder()
          .name("qoe_collector_requests_total")
          .help("HTTP requests answered, by endpoint and status")
          .labelNames("endpoint", "status")
          .register(registry);
  private final Histogram latency =
      Histogram.builder()
          .name("qoe_collector_request_duration_seconds")
          .help("Time from request start to the end of the response, by endpoint")
          .classicOnly()
          .classicUpperBounds(
              0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
          .labelNames("endpoint")
          .register(registry);
  private final Histogram kafkaAckLatency =
      Histogram.builder()
          .name("qoe_collector_kafka_ack_duration_seconds")
          .help(
              "Time from handing a request's records to the producer until Kafka acknowledged all")
          .classicOnly()
          .classicUpperBounds(
              0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
          .register(registry);
  private final Counter kafkaSendErrors =
      Counter.builder()
          .name("qoe_collector_kafka_send_errors_total")
          .help("Records Kafka did not acknowledge (broker down, buffer full, timeout)")
          .register(registry);
  private final Map<String, EndpointSeries> endpoints = new ConcurrentHashMap<>();
  private final Gauge inFlight =
      Gauge.builder()
          .name("qoe_collector_requests_in_flight")
          .help("Requests received and not yet answered")
          .register(registry);

  public void accepted(String property, String source, int count) {
    eventsAccepted.labelValues(property, source).inc(count);
  }

  /** A delivery-chain body of {@code bytes} bytes stored as one raw record of {@code feed}. */
  public void opsAccepted(String property, String feed, int bytes) {
    opsRecordsAccepted.labelValues(property, feed).inc();
    opsBytesAccepted.labelValues(property, feed).inc(bytes);
  }

  public void rejectedEvent(String property, String reason) {
    eventsRejected.labelValues(property, reason).inc();
  }

  public void rejectedRequest(String reason) {
    requestsRejected.labelValues(reason).inc();
  }

  public void answered(String endpoint, int status, long startNanos) {
    EndpointSeries series = endpoints.get(endpoint);
    if (series == null) {
      series =
          endpoints.computeIfAbsent(
              endpoint,
              name ->
                  new EndpointSeries(requests.labelValues(name, "200"), latency.labelValues(name)));
    }
    CounterDataPoint answers =
        status == 200 ? series.ok() : requests.labelValues(endpoint, Integer.toString(status));
    answers.inc();
    series.latency().observe((System.nanoTime() - startNanos) / 1e9);
  }

  /**
   * An endpoint's series that every answer touches, looked up once: finding a series by its label
   * values builds a key each time, and this runs for every request.
   */
  private record EndpointSeries(CounterDataPoint ok, DistributionDataPoint latency) {}

  public void kafkaAcknowledged(long sendStartNanos) {
    kafkaAckLatency.observe((System.nanoTime() - sendStartNanos) / 1e9);
  }

  public void kafkaSendError() {
    kafkaSendErrors.inc();
  }

  public void requestStarted() {
    inFlight.inc();
  }

  public void requestFinished() {
    inFlight.dec();
  }

  public double inFlight() {
    return inFlight.get();
  }

  /** The Prometheus text exposition of every metric. */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public String contentType() {
    return writer.getContentType();
  }
}
