package dev.lbc.compiler.model;

/** Who solves the ARP problem on a DR real server: the build, or the administrator. */
public enum Arp implements Keyword {
  GENERATE,
  MANUAL
}
