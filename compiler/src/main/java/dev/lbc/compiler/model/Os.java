package dev.lbc.compiler.model;

/** A real server's operating system; decides the ARP-problem script. */
public enum Os implements Keyword {
  WINDOWS_2012,
  WINDOWS_2016,
  WINDOWS_2019,
  WINDOWS_2022,
  WINDOWS_2025,
  LINUX
}
