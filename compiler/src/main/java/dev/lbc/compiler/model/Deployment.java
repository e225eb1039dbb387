package dev.lbc.compiler.model;

import dev.lbc.compiler.value.Duration;
import java.util.List;

/**
 * A whole deployment, the root of the model. Built by either front end; immutable; every node keeps
 * its source spans in a {@link Src}.
 *
 * @param auth null if not written
 * @param extendedProtection null if not written (default: {@link
 *     ExchangeVersion#extendedProtectionByDefault()})
 * @param serversTcpKeepalive the TCP KeepAliveTime of every server, null if not written (default
 *     30m)
 */
public record Deployment(
    int format,
    String name,
    ExchangeVersion exchange,
    Auth auth,
    Boolean extendedProtection,
    Duration serversTcpKeepalive,
    Appliances appliances,
    List<Server> servers,
    List<Certificate> certificates,
    List<Namespace> namespaces,
    List<Service> services,
    Tuning tuning,
    Src src) {
  public Deployment {
    servers = List.copyOf(servers);
    certificates = List.copyOf(certificates);
    namespaces = List.copyOf(namespaces);
    services = List.copyOf(services);
  }

  /** Extended Protection, defaulted as the Exchange version does. */
  public boolean effectiveExtendedProtection() {
    return extendedProtection != null ? extendedProtection : exchange.extendedProtectionByDefault();
  }
}
