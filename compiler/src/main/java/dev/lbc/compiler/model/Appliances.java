package dev.lbc.compiler.model;

import dev.lbc.compiler.value.IpNetwork;
import java.util.List;

/**
 * The appliances: a primary, an optional secondary, floating IPs and extra interfaces.
 *
 * @param secondary null for a single appliance
 * @param adminPasswordHash crypt(3) hash, or null
 * @param adminPassword {@code ${env:NAME}} or a literal, or null
 */
public record Appliances(
    Appliance primary,
    Appliance secondary,
    List<IpNetwork> floatingIps,
    List<ApplianceInterface> interfaces,
    String adminPasswordHash,
    String adminPassword,
    Src src) {
  public Appliances {
    floatingIps = List.copyOf(floatingIps);
    interfaces = List.copyOf(interfaces);
  }
}
