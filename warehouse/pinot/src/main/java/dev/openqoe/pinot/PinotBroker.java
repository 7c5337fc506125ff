package dev.openqoe.pinot;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.pinot.client.Connection;
import org.apache.pinot.client.ConnectionFactory;
import org.apache.pinot.client.JsonAsyncHttpPinotClientTransportFactory;
import org.apache.pinot.client.PinotClientException;
import org.apache.pinot.client.PinotClientTransport;
import org.apache.pinot.client.ResultSetGroup;

/**
 * Runs SQL on a Pinot broker through Apache Pinot's Java client and returns the result table. A
 * broker that cannot run a query, or cannot be reached, becomes a {@link PinotException} naming the
 * broker, the reason and the query.
 */
public final class PinotBroker {

  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int READ_TIMEOUT_MS = 30_000;

  private final String broker;
  private final Connection connection;

  public PinotBroker(String brokerUrl) {
    this.broker = PinotTables.stripSlash(brokerUrl);
    URI uri = brokerUri(broker);
    Properties properties = new Properties();
    // Pinot's answer carries its processing exceptions; they are reported below with the query.
    properties.setProperty(Connection.FAIL_ON_EXCEPTIONS, "false");
    this.connection =
        ConnectionFactory.fromHostList(
            properties,
            List.of(uri.getHost() + ":" + uri.getPort()),
            Transports.forScheme(uri.getScheme()));
  }

  public String url() {
    return broker;
  }

  public ResultTable query(String sql) {
    ResultSetGroup answer;
    try {
      answer = connection.execute(sql);
    } catch (PinotClientException e) {
      throw new PinotException(
          "Pinot broker at " + broker + " did not answer the query: " + reason(e) + "\n" + sql, e);
    }
    if (!answer.getExceptions().isEmpty()) {
      throw new PinotException(
          "Pinot broker at "
              + broker
              + " could not run the query: "
              + answer.getExceptions().stream()
                  .map(Throwable::getMessage)
                  .collect(Collectors.joining("; "))
              + "\n"
              + sql);
    }
    return answer.getResultSetCount() == 0
        ? new ResultTable(List.of(), List.of())
        : ResultTable.of(answer.getResultSet(0));
  }

  private static URI brokerUri(String url) {
    try {
      URI uri = new URI(url);
      // The client takes host:port and a scheme, not a URL.
      if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null
          && uri.getPort() >= 0) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // said below
    }
    throw new PinotException(
        "Pinot broker URL must be http://host:port or https://host:port, e.g."
            + " http://127.0.0.1:8099; got "
            + url);
  }

  /** The innermost cause a reader can act on, e.g. a refused connection. */
  private static String reason(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null
        && (cause instanceof PinotClientException || cause instanceof ExecutionException)) {
      cause = cause.getCause();
    }
    if (cause instanceof java.net.ConnectException) {
      return "nothing answers there (connection refused); is Pinot running?";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /**
   * One client transport (an HTTP client with its connection pool and I/O threads) per scheme for
   * the whole process, shared by every broker connection: commands and tests make brokers freely.
   */
  private static final class Transports {

    private static PinotClientTransport http;
    private static PinotClientTransport https;

    static synchronized PinotClientTransport forScheme(String scheme) {
      if ("https".equalsIgnoreCase(scheme)) {
        if (https == null) {
          https = build("https");
        }
        return https;
      }
      if (http == null) {
        http = build("http");
      }
      return http;
    }

    private static PinotClientTransport build(String scheme) {
      Properties timeouts = new Properties();
      timeouts.setProperty("brokerConnectTimeoutMs", Integer.toString(CONNECT_TIMEOUT_MS));
      timeouts.setProperty("brokerReadTimeoutMs", Integer.toString(READ_TIMEOUT_MS));
      JsonAsyncHttpPinotClientTransportFactory factory =
          new JsonAsyncHttpPinotClientTransportFactory().withConnectionProperties(timeouts);
      factory.setScheme(scheme);
      return factory.buildTransport();
    }
  }
}
