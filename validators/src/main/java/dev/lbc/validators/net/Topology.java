package dev.lbc.validators.net;

import dev.lbc.compiler.model.Appliance;
import dev.lbc.compiler.model.ApplianceInterface;
import dev.lbc.compiler.model.Appliances;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Server;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.RuleContext;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.compiler.value.IpNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The addresses and networks of a deployment, as numbers: the appliances' own addresses, their
 * networks, the floating IPs, and servers by name. Rules share one per deployment, through the rule
 * context, so that no rule compares address strings or walks the model twice, and a run whose rules
 * need none builds none.
 */
public final class Topology {
  private final Map<String, Server> servers = new HashMap<>();
  private final List<IpNetwork> networks = new ArrayList<>();
  private final Set<IpAddress> floating = new HashSet<>();
  private final Map<IpAddress, String> applianceAddresses = new HashMap<>();
  private final Map<String, Service> services = new HashMap<>();
  private final List<Service> serviceList;
  private final boolean pair;

  /** A real server of a service, with the server it names. */
  public record Membership(Service service, RealServer real, Server server) {}

  private Topology(Deployment d) {
    serviceList = d.services();
    pair = d.appliances().secondary() != null;
    for (Service s : d.services()) {
      services.putIfAbsent(key(s.name()), s);
    }
    for (Server s : d.servers()) {
      servers.putIfAbsent(key(s.name()), s);
    }
    Appliances a = d.appliances();
    addAppliance(a.primary());
    if (a.secondary() != null) {
      addAppliance(a.secondary());
    }
    for (ApplianceInterface i : a.interfaces()) {
      networks.add(i.address());
      applianceAddresses.putIfAbsent(i.address().address(), "interface " + i.name());
      if (i.secondaryAddress() != null) {
        networks.add(i.secondaryAddress());
        applianceAddresses.putIfAbsent(
            i.secondaryAddress().address(), "interface " + i.name() + " of the secondary");
      }
    }
    for (IpNetwork f : a.floatingIps()) {
      networks.add(f);
      floating.add(f.address());
    }
  }

  private void addAppliance(Appliance a) {
    networks.add(a.address());
    applianceAddresses.putIfAbsent(a.address().address(), "appliance " + a.hostname());
  }

  /** The topology of the deployment {@code context} lints, built once for all the rules. */
  public static Topology of(RuleContext context) {
    return context.shared(Topology.class, Topology::new);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The server called {@code name} (names compare without case), or null. */
  public Server server(String name) {
    return servers.get(key(name));
  }

  /** The service called {@code name} (names compare without case), or null. */
  public Service service(String name) {
    return services.get(key(name));
  }

  /**
   * Every real server of the services in {@code modes}, with the server it names, in deployment
   * order; references the resolver reported as unresolved are left out.
   */
  public List<Membership> members(Set<Mode> modes) {
    List<Membership> out = new ArrayList<>();
    for (Service s : serviceList) {
      if (!modes.contains(s.mode())) {
        continue;
      }
      for (RealServer r : s.realServers()) {
        Server server = server(r.server());
        if (server != null) {
          out.add(new Membership(s, r, server));
        }
      }
    }
    return out;
  }

  /** Every network the appliances have an address in, floating IPs included. */
  public List<IpNetwork> applianceNetworks() {
    return networks;
  }

  /** The appliance networks as a user reads them: "192.168.30.0/24, 10.0.0.0/24". */
  public String applianceNetworksText() {
    return String.join(
        ", ",
        networks.stream().map(n -> n.network().text() + "/" + n.prefix()).distinct().toList());
  }

  /** The first appliance network containing {@code ip}, or null. */
  public IpNetwork networkOf(IpAddress ip) {
    for (IpNetwork n : networks) {
      if (n.contains(ip)) {
        return n;
      }
    }
    return null;
  }

  public boolean isFloatingIp(IpAddress ip) {
    return floating.contains(ip);
  }

  /** True for a clustered pair (a secondary appliance is declared). */
  public boolean isPair() {
    return pair;
  }

  /**
   * True if {@code ip} can be the servers' default gateway through the appliances: a floating IP,
   * or, for a single appliance, one of its own addresses. In a pair an appliance's own address is
   * not enough: after a failover the other appliance holds the floating IPs, never that address.
   */
  public boolean isApplianceGateway(IpAddress ip) {
    return floating.contains(ip) || (!pair && applianceAddresses.containsKey(ip));
  }

  /** What owns {@code ip} on the appliances ("appliance lb1"), or null if none does. */
  public String applianceAddressOwner(IpAddress ip) {
    return applianceAddresses.get(ip);
  }
}
