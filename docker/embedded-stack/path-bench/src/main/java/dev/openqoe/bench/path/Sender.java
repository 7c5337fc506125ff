package dev.openqoe.bench.path;

/** Delivers one request of a session to the part under test: over HTTP, or straight to Kafka. */
interface Sender extends AutoCloseable {

  /** What became of one request. */
  record Outcome(int beacons, int rejected, String error) {

    static Outcome stored(int beacons, int rejected) {
      return new Outcome(beacons, rejected, null);
    }

    static Outcome failed(int beacons, String error) {
      return new Outcome(beacons, 0, error);
    }
  }

  /** What the outcome of a request is handed to; called once, from any thread. */
  interface Done {
    void accept(Outcome outcome);
  }

  /**
   * Sends {@code request} of {@code session} with the session ids of replay {@code tag}; never
   * throws, reports through {@code done}.
   */
  void send(SessionPool.Session session, SessionPool.Request request, String tag, Done done);

  /**
   * Runs {@code tick} every {@code periodMillis} on the thread the sender sends from best (an HTTP
   * client's event loop: requests made from another thread each cost a hop onto it) until the
   * returned handle is closed.
   */
  AutoCloseable every(long periodMillis, Runnable tick);

  /** What the requests go to, for progress lines. */
  String target();

  @Override
  void close();
}
