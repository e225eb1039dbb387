package dev.lbc.compiler.model;

import dev.lbc.compiler.value.IpNetwork;

/**
 * One load balancer appliance of the (optional) HA pair.
 *
 * @param interfaceName the NIC holding {@code address}; null means eth0
 */
public record Appliance(String hostname, IpNetwork address, String interfaceName, Src src) {}
