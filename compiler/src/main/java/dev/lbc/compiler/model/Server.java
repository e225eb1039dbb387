package dev.lbc.compiler.model;

import dev.lbc.compiler.value.IpAddress;
import java.util.List;

/**
 * An Exchange server (a real server of one or more services).
 *
 * @param gateway null if not given
 * @param os null if not given
 * @param arp null means generate
 * @param loopback with arp manual, the VIPs already on the loopback adapter
 */
public record Server(
    String name,
    IpAddress address,
    IpAddress gateway,
    Os os,
    Adapters adapters,
    Arp arp,
    List<IpAddress> loopback,
    Src src) {
  public Server {
    loopback = List.copyOf(loopback);
  }
}
