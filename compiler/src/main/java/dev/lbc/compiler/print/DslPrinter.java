package dev.lbc.compiler.print;

import dev.lbc.compiler.model.Appliance;
import dev.lbc.compiler.model.ApplianceInterface;
import dev.lbc.compiler.model.Appliances;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.HealthCheck;
import dev.lbc.compiler.model.Keyword;
import dev.lbc.compiler.model.Namespace;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Server;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.model.Timeouts;
import dev.lbc.compiler.model.Vdir;
import dev.lbc.compiler.value.IpAddress;
import java.util.stream.Collectors;

/**
 * Prints a model in the DSL, in the canonical layout {@code lbc fmt} produces: statements in the
 * order of the keys in docs/reference.md, two-space indentation, a blank line between groups.
 * Free-form values (paths, adapter names, secrets) are always quoted.
 */
public final class DslPrinter {
  private final StringBuilder out = new StringBuilder();

  private DslPrinter() {}

  public static String print(Deployment d) {
    DslPrinter p = new DslPrinter();
    p.deployment(d);
    return p.out.toString();
  }

  private void deployment(Deployment d) {
    out.append("deployment ")
        .append(d.name())
        .append(" exchange ")
        .append(d.exchange().release().word())
        .append(d.exchange().cu() == null ? "" : " cu " + d.exchange().cu())
        .append(" {\n");
    if (d.auth() != null) {
      line(1, "auth " + d.auth().word());
    }
    if (d.extendedProtection() != null) {
      line(1, flag("extended-protection", d.extendedProtection()));
    }
    if (d.serversTcpKeepalive() != null) {
      line(1, "servers-tcp-keepalive " + d.serversTcpKeepalive().text());
    }
    appliances(d.appliances());
    if (d.tuning().requestBuffer() != null) {
      line(1, "tuning request-buffer " + d.tuning().requestBuffer());
    }
    for (Server s : d.servers()) {
      server(s);
    }
    if (!d.certificates().isEmpty()) {
      out.append('\n');
      for (Certificate c : d.certificates()) {
        line(
            1,
            "certificate "
                + c.name()
                + (c.pem() != null ? " " + quote(c.pem()) : " pfx " + quote(c.pfx()))
                + (c.password() != null ? " password " + quote(c.password()) : ""));
      }
    }
    if (!d.namespaces().isEmpty()) {
      out.append('\n');
      for (Namespace n : d.namespaces()) {
        String purposes =
            n.purposes().isEmpty()
                ? ""
                : " for "
                    + n.purposes().stream().map(Keyword::word).collect(Collectors.joining(", "));
        line(1, "namespace " + n.host() + " -> " + n.service() + purposes);
      }
    }
    for (Service s : d.services()) {
      service(s);
    }
    out.append("}\n");
  }

  private void appliances(Appliances a) {
    line(1, appliance(a.primary(), "primary"));
    if (a.secondary() != null) {
      line(1, appliance(a.secondary(), "secondary"));
    }
    if (!a.floatingIps().isEmpty()) {
      line(
          1,
          "floating-ip "
              + a.floatingIps().stream().map(n -> n.text()).collect(Collectors.joining(", ")));
    }
    for (ApplianceInterface i : a.interfaces()) {
      line(
          1,
          "interface "
              + i.name()
              + " "
              + i.address().text()
              + (i.secondaryAddress() == null ? "" : " secondary " + i.secondaryAddress().text()));
    }
    if (a.adminPasswordHash() != null) {
      line(1, "admin-password-hash " + quote(a.adminPasswordHash()));
    }
    if (a.adminPassword() != null) {
      line(1, "admin-password " + quote(a.adminPassword()));
    }
    if (a.vrrpId() != null) {
      line(1, "vrrp-id " + a.vrrpId());
    }
  }

  private static String appliance(Appliance a, String role) {
    return "appliance "
        + a.hostname()
        + " "
        + a.address().text()
        + (a.interfaceName() == null ? "" : " on " + a.interfaceName())
        + " "
        + role;
  }

  private void server(Server s) {
    StringBuilder head = new StringBuilder("server " + s.name() + " " + s.address().text());
    if (s.os() != null) {
      head.append(' ').append(s.os().word());
    }
    boolean body =
        s.gateway() != null
            || s.adapters().lan() != null
            || s.adapters().loopback() != null
            || s.arp() != null
            || !s.loopback().isEmpty();
    if (!body) {
      line(1, head.toString());
      return;
    }
    out.append('\n');
    line(1, head + " {");
    if (s.gateway() != null) {
      line(2, "gateway " + s.gateway().text());
    }
    if (s.adapters().lan() != null) {
      line(2, "lan-adapter " + quote(s.adapters().lan()));
    }
    if (s.adapters().loopback() != null) {
      line(2, "loopback-adapter " + quote(s.adapters().loopback()));
    }
    if (s.arp() != null) {
      line(2, "arp " + s.arp().word());
    }
    if (!s.loopback().isEmpty()) {
      line(
          2,
          "loopback "
              + s.loopback().stream().map(IpAddress::text).collect(Collectors.joining(", ")));
    }
    line(1, "}");
  }

  private void service(Service s) {
    out.append('\n');
    String vip = s.vip().isV6() ? "[" + s.vip().text() + "]" : s.vip().text();
    StringBuilder head =
        new StringBuilder(
            "service "
                + s.name()
                + " "
                + vip
                + ":"
                + s.ports().stream().map(String::valueOf).collect(Collectors.joining(","))
                + " "
                + s.mode().word());
    if (s.layer() != null) {
      head.append(" layer ").append(s.layer());
    }
    if (s.protocol() != null) {
      head.append(' ').append(s.protocol().word());
    }
    line(1, head + " {");
    if (s.balance() != null) {
      line(2, "balance " + s.balance().word());
    }
    if (s.persistence() != null) {
      line(2, "persistence " + s.persistence().word());
    }
    if (s.healthCheck() != null) {
      line(2, check(s.healthCheck()));
    }
    if (s.timeouts().client() != null || s.timeouts().server() != null) {
      line(2, "timeouts" + timeouts(s.timeouts()));
    }
    if (!s.vdirs().isEmpty()) {
      line(2, "vdirs " + s.vdirs().stream().map(Vdir::word).collect(Collectors.joining(", ")));
    }
    s.vdirTimeouts().forEach((v, t) -> line(2, "vdir-timeouts " + v.word() + timeouts(t)));
    if (s.ssl() != null) {
      line(
          2,
          "ssl offload "
              + s.ssl().offload()
              + (s.ssl().reencrypt() == null ? "" : " " + flag("reencrypt", s.ssl().reencrypt())));
    }
    if (s.xForwardedFor() != null) {
      line(2, flag("x-forwarded-for", s.xForwardedFor()));
    }
    if (s.redirect() != null) {
      line(2, "redirect " + s.redirect().word());
    }
    if (s.lockdown() != null) {
      line(
          2,
          "lockdown allow "
              + s.lockdown().allow().stream().map(r -> r.text()).collect(Collectors.joining(", ")));
    }
    for (RealServer r : s.realServers()) {
      line(2, "real " + real(r));
    }
    line(1, "}");
  }

  private static String timeouts(Timeouts t) {
    return (t.client() == null ? "" : " client " + t.client().text())
        + (t.server() == null ? "" : " server " + t.server().text());
  }

  private static String check(HealthCheck h) {
    StringBuilder b = new StringBuilder("check " + h.type().word());
    if (h.path() != null) {
      b.append(' ').append(quote(h.path()));
    }
    option(b, "expect", h.expect());
    option(b, "interval", h.interval() == null ? null : h.interval().text());
    option(b, "rise", h.rise());
    option(b, "fall", h.fall());
    option(b, "host", h.host());
    return b.toString();
  }

  private static String real(RealServer r) {
    StringBuilder b = new StringBuilder(r.server());
    if (r.port() != null) {
      b.append(':').append(r.port());
    }
    option(b, "weight", r.weight());
    option(b, "min-connections", r.minConnections());
    option(b, "max-connections", r.maxConnections());
    return b.toString();
  }

  private static void option(StringBuilder b, String key, Object value) {
    if (value != null) {
      b.append(' ').append(key).append(' ').append(value);
    }
  }

  private static String flag(String keyword, boolean value) {
    return value ? keyword : keyword + " false";
  }

  private void line(int indent, String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }

  /** A DSL string literal: double quotes, with {@code "} and {@code \} escaped. */
  public static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
