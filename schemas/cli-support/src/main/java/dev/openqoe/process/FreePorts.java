package dev.openqoe.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Ports that were free a moment ago, for servers that must be told their port before they listen
 * (several listeners on one port, a child JVM, ports kept across restarts).
 */
public final class FreePorts {

  private FreePorts() {}

  /** A free port on 127.0.0.1. */
  public static int onLoopback() {
    return on(InetAddress.getLoopbackAddress());
  }

  /** A free port on {@code host}. */
  public static int on(String host) {
    try {
      return on(InetAddress.getByName(host));
    } catch (UnknownHostException e) {
      throw new UncheckedIOException("unknown host " + host, e);
    }
  }

  private static int on(InetAddress address) {
    try (ServerSocket socket = new ServerSocket(0, 1, address)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + address.getHostAddress(), e);
    }
  }
}
