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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prints a model as canonical YAML (keys in the order of docs/reference.md): fixed key order, block
 * style for records, flow style for short lists and real servers, and quotes wherever a YAML reader
 * could type a value differently (on, no, 0777, IPv6 addresses...). Deterministic.
 */
public final class YamlPrinter {
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9._/-]*");
  private static final Pattern PLAIN_V4 =
      Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}(/[0-9]{1,2}|-[0-9]{1,3}(\\.[0-9]{1,3}){3})?");
  private static final Pattern PLAIN_DURATION = Pattern.compile("[0-9]+(ms|s|m|h)");
  private static final Set<String> YAML_WORDS =
      Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

  private final StringBuilder out = new StringBuilder();

  private YamlPrinter() {}

  /**
   * The deployment as YAML; {@code schemaRef}, if not null, becomes a yaml-language-server line.
   */
  public static String print(Deployment d, String schemaRef) {
    YamlPrinter p = new YamlPrinter();
    if (schemaRef != null) {
      p.out.append("# yaml-language-server: $schema=").append(schemaRef).append('\n');
    }
    p.deployment(d);
    return p.out.toString();
  }

  private void deployment(Deployment d) {
    line(0, "lbc: " + d.format());
    line(0, "name: " + str(d.name()));
    line(0, "exchange: " + d.exchange().release().word());
    opt(0, "cu", d.exchange().cu());
    opt(0, "auth", d.auth());
    opt(0, "extended-protection", d.extendedProtection());
    opt(0, "servers-tcp-keepalive", d.serversTcpKeepalive());
    appliances(d.appliances());
    if (!d.servers().isEmpty()) {
      line(0, "servers:");
      d.servers().forEach(this::server);
    }
    if (!d.certificates().isEmpty()) {
      line(0, "certificates:");
      for (Certificate c : d.certificates()) {
        List<String> kv = new ArrayList<>(List.of("name", str(c.name())));
        for (String[] field :
            new String[][] {{"pem", c.pem()}, {"pfx", c.pfx()}, {"password", c.password()}}) {
          if (field[1] != null) {
            kv.add(field[0]);
            kv.add(str(field[1]));
          }
        }
        line(1, "- " + flow(kv));
      }
    }
    if (!d.namespaces().isEmpty()) {
      line(0, "namespaces:");
      for (Namespace n : d.namespaces()) {
        List<String> kv =
            new ArrayList<>(List.of("host", str(n.host()), "service", str(n.service())));
        if (!n.purposes().isEmpty()) {
          kv.add("purpose");
          kv.add(list(n.purposes().stream().map(Keyword::word).toList()));
        }
        line(1, "- " + flow(kv));
      }
    }
    if (!d.services().isEmpty()) {
      line(0, "services:");
      d.services().forEach(this::service);
    }
    if (d.tuning().requestBuffer() != null) {
      line(0, "tuning:");
      line(1, "request-buffer: " + d.tuning().requestBuffer());
    }
  }

  private void appliances(Appliances a) {
    line(0, "appliances:");
    line(1, "primary: " + appliance(a.primary()));
    if (a.secondary() != null) {
      line(1, "secondary: " + appliance(a.secondary()));
    }
    if (!a.floatingIps().isEmpty()) {
      line(1, "floating-ips: " + list(a.floatingIps().stream().map(n -> str(n.text())).toList()));
    }
    if (!a.interfaces().isEmpty()) {
      line(1, "interfaces:");
      for (ApplianceInterface i : a.interfaces()) {
        List<String> kv =
            new ArrayList<>(List.of("name", str(i.name()), "address", str(i.address().text())));
        if (i.secondaryAddress() != null) {
          kv.add("secondary-address");
          kv.add(str(i.secondaryAddress().text()));
        }
        line(2, "- " + flow(kv));
      }
    }
    opt(1, "admin-password-hash", a.adminPasswordHash());
    opt(1, "admin-password", a.adminPassword());
    opt(1, "vrrp-id", a.vrrpId());
  }

  private static String appliance(Appliance a) {
    List<String> kv =
        new ArrayList<>(List.of("hostname", str(a.hostname()), "address", str(a.address().text())));
    if (a.interfaceName() != null) {
      kv.add("interface");
      kv.add(str(a.interfaceName()));
    }
    return flow(kv);
  }

  private void server(Server s) {
    line(1, "- name: " + str(s.name()));
    line(2, "address: " + str(s.address().text()));
    opt(2, "gateway", s.gateway() == null ? null : s.gateway().text());
    opt(2, "os", s.os());
    List<String> adapters = new ArrayList<>();
    if (s.adapters().lan() != null) {
      adapters.add("lan");
      adapters.add(str(s.adapters().lan()));
    }
    if (s.adapters().loopback() != null) {
      adapters.add("loopback");
      adapters.add(str(s.adapters().loopback()));
    }
    if (!adapters.isEmpty()) {
      line(2, "adapters: " + flow(adapters));
    }
    opt(2, "arp", s.arp());
    if (!s.loopback().isEmpty()) {
      line(2, "loopback: " + list(s.loopback().stream().map(ip -> str(ip.text())).toList()));
    }
  }

  private void service(Service s) {
    line(1, "- name: " + str(s.name()));
    line(2, "vip: " + str(s.vip().text()));
    line(2, "ports: " + list(s.ports().stream().map(String::valueOf).toList()));
    line(2, "mode: " + s.mode().word());
    opt(2, "layer", s.layer());
    opt(2, "protocol", s.protocol());
    opt(2, "balance", s.balance());
    opt(2, "persistence", s.persistence());
    if (s.healthCheck() != null) {
      line(2, "health-check: " + healthCheck(s.healthCheck()));
    }
    if (s.timeouts().client() != null || s.timeouts().server() != null) {
      line(2, "timeouts: " + timeouts(s.timeouts()));
    }
    if (!s.vdirs().isEmpty()) {
      line(2, "vdirs: " + list(s.vdirs().stream().map(Vdir::word).toList()));
    }
    if (!s.vdirTimeouts().isEmpty()) {
      List<String> kv = new ArrayList<>();
      s.vdirTimeouts()
          .forEach(
              (v, t) -> {
                kv.add(v.word());
                kv.add(timeouts(t));
              });
      line(2, "vdir-timeouts: " + flow(kv));
    }
    if (s.ssl() != null) {
      List<String> ssl = new ArrayList<>(List.of("offload", str(s.ssl().offload())));
      if (s.ssl().reencrypt() != null) {
        ssl.add("reencrypt");
        ssl.add(String.valueOf(s.ssl().reencrypt()));
      }
      line(2, "ssl: " + flow(ssl));
    }
    opt(2, "x-forwarded-for", s.xForwardedFor());
    opt(2, "redirect", s.redirect());
    if (s.lockdown() != null) {
      line(
          2,
          "lockdown: "
              + flow(
                  List.of(
                      "allow",
                      list(s.lockdown().allow().stream().map(r -> str(r.text())).toList()))));
    }
    if (!s.realServers().isEmpty()) {
      line(2, "real-servers:");
      for (RealServer r : s.realServers()) {
        List<String> kv = new ArrayList<>(List.of("server", str(r.server())));
        addInt(kv, "port", r.port());
        addInt(kv, "weight", r.weight());
        addInt(kv, "min-connections", r.minConnections());
        addInt(kv, "max-connections", r.maxConnections());
        line(3, "- " + flow(kv));
      }
    }
  }

  private static String timeouts(Timeouts t) {
    List<String> kv = new ArrayList<>();
    if (t.client() != null) {
      kv.add("client");
      kv.add(t.client().text());
    }
    if (t.server() != null) {
      kv.add("server");
      kv.add(t.server().text());
    }
    return kv.isEmpty() ? "{}" : flow(kv);
  }

  private static String healthCheck(HealthCheck h) {
    List<String> kv = new ArrayList<>(List.of("type", h.type().word()));
    if (h.path() != null) {
      kv.add("path");
      kv.add(str(h.path()));
    }
    if (h.host() != null) {
      kv.add("host");
      kv.add(str(h.host()));
    }
    addInt(kv, "expect", h.expect());
    if (h.interval() != null) {
      kv.add("interval");
      kv.add(h.interval().text());
    }
    addInt(kv, "rise", h.rise());
    addInt(kv, "fall", h.fall());
    return flow(kv);
  }

  private static void addInt(List<String> kv, String key, Integer value) {
    if (value != null) {
      kv.add(key);
      kv.add(String.valueOf(value));
    }
  }

  private void opt(int indent, String key, Object value) {
    if (value == null) {
      return;
    }
    String text =
        value instanceof Keyword k
            ? k.word()
            : value instanceof String s ? str(s) : String.valueOf(value);
    line(indent, key + ": " + text);
  }

  private void line(int indent, String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }

  private static String flow(List<String> keyValues) {
    StringBuilder b = new StringBuilder("{ ");
    for (int i = 0; i < keyValues.size(); i += 2) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(keyValues.get(i)).append(": ").append(keyValues.get(i + 1));
    }
    return b.append(" }").toString();
  }

  private static String list(List<String> items) {
    return "[" + String.join(", ", items) + "]";
  }

  /** A string as a YAML scalar: plain where no reader could misread it, else double-quoted. */
  public static String str(String s) {
    boolean plain =
        (PLAIN_WORD.matcher(s).matches() && !YAML_WORDS.contains(s.toLowerCase(Locale.ROOT)))
            || PLAIN_V4.matcher(s).matches()
            || PLAIN_DURATION.matcher(s).matches();
    if (plain) {
      return s;
    }
    StringBuilder b = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              if (cp == '"' || cp == '\\') {
                b.append('\\').appendCodePoint(cp);
              } else if (cp < 0x20 || cp == 0x7f || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
                b.append(String.format("\\u%04X", cp));
              } else {
                b.appendCodePoint(cp);
              }
            });
    return b.append('"').toString();
  }
}
