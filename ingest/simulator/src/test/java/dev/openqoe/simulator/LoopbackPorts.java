package dev.openqoe.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for tests of what happens when no collector answers. */
final class LoopbackPorts {

  private LoopbackPorts() {}

  /** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
  static int closed() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
