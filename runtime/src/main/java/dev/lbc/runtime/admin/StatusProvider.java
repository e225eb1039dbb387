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

  /**
   * Sets a server's admin state in one service, in every pool of it (the default one and each
   * vdir's): drain, halt or online. Returns false if there is no such.
   */
  boolean act(String service, String server, String action);

  /**
   * Sets a server's admin state in the pool of one vdir of a service ({@code vdir} its word), or in
   * every pool of the service when {@code vdir} is null. False if there is no such.
   */
  default boolean act(String service, String vdir, String server, String action) {
    return vdir == null && act(service, server, action);
  }

  /**
   * Sets a server's admin state in every service that has it, as an operator does before patching
   * it: the names of the services acted on, empty if none has that server (or no such action).
   */
  default List<String> actOnServer(String server, String action) {
    List<String> done = new java.util.ArrayList<>();
    for (Map<String, Object> s : services()) {
      String name = String.valueOf(s.get("name"));
      Object members = s.get("servers");
      boolean has =
          members instanceof List<?> list
              && list.stream()
                  .anyMatch(
                      m ->
                          m instanceof Map<?, ?> o
                              && server.equalsIgnoreCase(String.valueOf(o.get("name"))));
      if (has && act(name, server, action)) {
        done.add(name);
      }
    }
    return done;
  }
}
