package dev.lbc.runtime.engine;

import dev.lbc.compiler.value.IpAddress;

/** A listening socket of the engine: the (mapped) VIP and a port. */
record ListenerKey(IpAddress address, int port) {
  /** The key of {@code address} (an IP address, as the plan and the bind map give it). */
  static ListenerKey of(String address, int port) {
    return new ListenerKey(IpAddress.parse(address).get(), port);
  }

  /** {@code 192.168.30.10:443}, {@code [2001:db8::10]:443}. */
  static String text(IpAddress address, int port) {
    return (address.isV6() ? "[" + address.text() + "]" : address.text()) + ":" + port;
  }

  @Override
  public String toString() {
    return text(address, port);
  }
}
