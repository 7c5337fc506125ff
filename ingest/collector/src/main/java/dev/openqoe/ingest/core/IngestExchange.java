package dev.openqoe.ingest.core;

/**
 * One ingest request as the transport received it, and the way back for its single answer. The
 * collector's core reads only what it needs, when it needs it: a transport reads header values and
 * query parameters on demand, so a request refused early costs no more than it did.
 */
public interface IngestExchange {

  /** The request method, upper case, e.g. POST. */
  String method();

  /**
   * The value of {@code header}, or null when the request has none; the lines of a header sent
   * several times (X-Forwarded-For) joined with commas, in order.
   */
  String header(RequestHeader header);

  /** The value of the query parameter {@code name}, or null when the request has none. */
  String queryParameter(String name);

  /** The client's address as the connection shows it (an IP literal), or null when unknown. */
  String remoteAddress();

  /** Whether the request is answered already, or its client went away. */
  boolean isAnswered();

  /** Writes the answer; ignored once the request is answered. Call on the request's thread. */
  void answer(IngestAnswer answer);

  /**
   * Runs {@code task} on the thread that serves this request (an event loop), from any thread: the
   * sink acknowledges on threads of its own.
   */
  void execute(Runnable task);
}
