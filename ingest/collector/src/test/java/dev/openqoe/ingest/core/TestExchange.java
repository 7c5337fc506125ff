package dev.openqoe.ingest.core;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as a transport would hand it to the core, and the answers the core gave it. Tasks for
 * the request's thread run at once, on the test's thread.
 */
final class TestExchange implements IngestExchange {

  private final String method;
  private final Map<RequestHeader, String> headers = new EnumMap<>(RequestHeader.class);
  private final Map<String, String> query = new HashMap<>();
  private final List<IngestAnswer> answers = new ArrayList<>();
  private String remoteAddress = "198.51.100.23";
  private boolean clientGone;

  TestExchange(String method) {
    this.method = method;
  }

  TestExchange header(RequestHeader header, String value) {
    headers.put(header, value);
    return this;
  }

  TestExchange query(String name, String value) {
    query.put(name, value);
    return this;
  }

  TestExchange from(String address) {
    remoteAddress = address;
    return this;
  }

  /** The client closes the connection before the answer. */
  void clientGoesAway() {
    clientGone = true;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String header(RequestHeader header) {
    return headers.get(header);
  }

  @Override
  public String queryParameter(String name) {
    return query.get(name);
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public boolean isAnswered() {
    return clientGone || !answers.isEmpty();
  }

  @Override
  public void answer(IngestAnswer answer) {
    answers.add(answer);
  }

  @Override
  public void execute(Runnable task) {
    task.run();
  }

  /** Every answer the core wrote, even after the first (a transport ignores those). */
  List<IngestAnswer> answers() {
    return answers;
  }
}
