package dev.lbc.compiler.model;

import dev.lbc.compiler.value.IpNetwork;

/** An extra appliance arm (two-arm and TPROXY setups); {@code secondaryAddress} may be null. */
public record ApplianceInterface(
    String name, IpNetwork address, IpNetwork secondaryAddress, Src src) {}
