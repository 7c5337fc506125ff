package dev.openqoe.jobs;

import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsSource;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestedBeacon;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;

/**
 * Sessions linked to the delivery chain ({@code dwd.session_delivery}): closed sessions, their
 * players' fatal errors and the delivery-chain events that carry their session id meet in {@link
 * SessionDeliveryLinker}; the transcode jobs reach every linker instance.
 */
public final class SessionDeliveryPipeline {

  /** The shortest time between two revisions of one session's record. */
  public static final Duration DEFAULT_FLUSH_DELAY = Duration.ofSeconds(5);

  private SessionDeliveryPipeline() {}

  /**
   * @param sessions dwd.sessions rows
   * @param beacons the beacons the sessions were made from
   * @param events the normaliser's canonical delivery-chain events
   * @param retention how long after a session closes its late delivery events still change its
   *     record
   */
  public static void build(
      DataStream<RowData> sessions,
      DataStream<IngestedBeacon> beacons,
      DataStream<OpsEvent> events,
      PipelineSinks sinks,
      Duration retention,
      Duration flushDelay) {
    TypeInformation<SessionLinkInput> input = TypeInformation.of(SessionLinkInput.class);
    DataStream<SessionLinkInput> outcomes =
        sessions
            .map(row -> SessionLinkInput.of(SessionDeliveryRows.outcome(row)), input)
            .name("Session outcomes")
            .uid("session-outcomes");
    DataStream<SessionLinkInput> fatalErrors =
        beacons
            .filter(beacon -> isFatalTechnicalError(beacon.event()))
            .name("Fatal errors")
            .uid("fatal-errors")
            .map(
                beacon ->
                    SessionLinkInput.fatalError(
                        beacon.event().sessionId(), beacon.event().error().code()),
                input)
            .name("Fatal error codes")
            .uid("fatal-error-codes");
    DataStream<SessionLinkInput> linked =
        events
            .filter(event -> event.sessionId() != null && event.source() != OpsSource.TRANSCODE)
            .name("Events with a session id")
            .uid("ops-events-with-session")
            .map(SessionLinkInput::of, input)
            .name("Linked delivery events")
            .uid("linked-delivery-events");
    DataStream<OpsEvent> jobs =
        events.filter(event -> event.job() != null).name("Transcode jobs").uid("transcode-jobs");
    sinks.sessionDelivery(
        outcomes
            .union(fatalErrors, linked)
            .keyBy(SessionLinkInput::sessionId)
            .connect(jobs.broadcast(SessionDeliveryLinker.FAILED_RENDITIONS))
            .process(
                new SessionDeliveryLinker(retention, flushDelay),
                SessionDeliveryRows.SESSION_DELIVERY.typeInfo())
            .name("Session delivery linker")
            .uid("session-delivery-linker"));
  }

  private static boolean isFatalTechnicalError(BeaconEvent event) {
    return event.type() == EventType.ERROR
        && event.error() != null
        && event.error().fatal()
        && event.error().category() == ErrorCategory.TECHNICAL;
  }
}
