package dev.openqoe.ingest.core;

/**
 * Gives up on requests the sink does not acknowledge in time. A transport keeps the deadlines on
 * the threads that serve its requests, where it can check them cheaply.
 */
public interface AnswerDeadlines {

  /**
   * Runs {@code onExpiry} on the calling request thread once the response timeout has passed,
   * unless the returned deadline is settled first. Call on a request thread.
   */
  Deadline start(Runnable onExpiry);

  /** One request's deadline. */
  interface Deadline {

    /** The request is answered: its deadline no longer matters. Call on the request thread. */
    void settle();
  }
}
