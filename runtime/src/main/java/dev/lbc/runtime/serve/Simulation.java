package dev.lbc.runtime.serve;

import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.ServerPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.runtime.engine.BindMap;
import dev.lbc.runtime.sim.SimulatedExchange;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code lbc run --simulate-servers}: simulated Exchange servers at the real servers' addresses.
 */
final class Simulation {
  private Simulation() {}

  /**
   * One simulated server per real server, on every address:port a service sends it; each is added
   * to {@code sims} as soon as it exists, so that a failure part way leaves nothing unclosed.
   */
  static void simulate(Plan plan, BindMap map, Consumer<String> log, List<SimulatedExchange> sims)
      throws InterruptedException {
    Set<String> bound = new HashSet<>();
    for (ServerPlan server : plan.servers()) {
      SimulatedExchange sim = new SimulatedExchange(server.name());
      sims.add(sim);
      for (ServicePlan s : plan.services()) {
        for (MemberPlan m : s.members()) {
          if (!m.server().equalsIgnoreCase(server.name())) {
            continue;
          }
          List<Integer> ports = m.port() != null ? List.of(m.port()) : s.ports();
          for (int port : ports) {
            String address = map.map(server.address().text());
            if (bound.add(address + ":" + port)) {
              String protocol =
                  SimulatedExchange.protocolFor(
                      port, s.check().type() == CheckType.HTTPS_GET || s.reencrypt());
              sim.listen(address, port, protocol);
              log.accept(
                  "simulated "
                      + server.name()
                      + " ("
                      + protocol.toUpperCase(Locale.ROOT)
                      + ") on "
                      + address
                      + ":"
                      + port);
            }
          }
        }
      }
    }
  }
}
