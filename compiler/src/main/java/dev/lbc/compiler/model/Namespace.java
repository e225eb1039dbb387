package dev.lbc.compiler.model;

import java.util.List;

/** A DNS name clients use, the service behind it and what it is used for. */
public record Namespace(String host, String service, List<Purpose> purposes, Src src) {
  public Namespace {
    purposes = List.copyOf(purposes);
  }
}
