package dev.openqoe.protocol;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Client IP addresses: parsing without DNS, and anonymisation before anything is stored. */
public final class ClientAddresses {

  private ClientAddresses() {}

  /**
   * The address written as {@code literal}, or null when it is not an IP literal. Never resolves a
   * name, so a forged X-Forwarded-For cannot make the collector query DNS.
   */
  public static InetAddress parse(String literal) {
    if (literal == null) {
      return null;
    }
    String trimmed = literal.trim();
    if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1);
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(trimmed);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * The network the address belongs to, as stored: IPv4 to its /24 ({@code 203.0.113.0}), IPv6 to
   * its /48 ({@code 2001:db8:1::}). IPv4-mapped IPv6 addresses count as IPv4.
   */
  public static String anonymise(InetAddress address) {
    byte[] bytes = address.getAddress();
    int keep = bytes.length == 4 ? 3 : 6;
    for (int i = keep; i < bytes.length; i++) {
      bytes[i] = 0;
    }
    try {
      return NetUtil.toAddressString(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
    }
  }
}
