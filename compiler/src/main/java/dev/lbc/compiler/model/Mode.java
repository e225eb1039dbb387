package dev.lbc.compiler.model;

/** Forwarding mode of a service (guides: layer 4 DR and NAT, layer 7 SNAT and TPROXY). */
public enum Mode implements Keyword {
  DR,
  NAT,
  SNAT,
  TPROXY
}
