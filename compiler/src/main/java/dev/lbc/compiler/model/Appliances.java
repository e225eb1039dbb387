package dev.lbc.compiler.model;

import dev.lbc.compiler.value.IpNetwork;
import java.util.List;

/**
 * The appliances: a primary, an optional secondary, floating IPs and extra interfaces.
 *
 * @param secondary null for a single appliance
 * @param adminPasswordHash crypt(3) hash, or null
 * @param adminPassword {@code ${env:NAME}} or a literal, or null
 * @param vrrpId the pair's VRRP virtual router ID (1-255), or null for the derived default
 */
public record Appliances(
    Appliance primary,
    Appliance secondary,
    List<IpNetwork> floatingIps,
    List<ApplianceInterface> interfaces,
    String adminPasswordHash,
    String adminPassword,
    Integer vrrpId,
    Src src) {
  public Appliances {
    floatingIps = List.copyOf(floatingIps);
    interfaces = List.copyOf(interfaces);
  }
}
