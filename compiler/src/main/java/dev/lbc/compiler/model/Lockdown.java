package dev.lbc.compiler.model;

import dev.lbc.compiler.value.SourceRange;
import java.util.List;

/** The sources allowed to reach a service; everything else is dropped by the firewall. */
public record Lockdown(List<SourceRange> allow, Src src) {
  public Lockdown {
    allow = List.copyOf(allow);
  }
}
