package dev.lbc.runtime.admin;

import java.util.List;
import java.util.Map;

/**
 * What the status page and API show and act on, whichever engine serves: the embedded one, or a
 * supervised HAProxy read through its stats socket.
 */
public interface StatusProvider {
  /** Each service with its VIP, ports, mode and servers (name, state, admin, weight...). */
  List<Map<String, Object>> services();

  /**
   * Each VIP with its state (listening, failed, not served; and per VIP:port), its refused
   * connections by reason, and the appliance's VRRP role; {@link VipTable} lays them out.
   */
  List<Map<String, Object>> vips();

  /** Sets a server's admin state: drain, halt or online. Returns false if there is no such. */
  boolean act(String service, String server, String action);
}
