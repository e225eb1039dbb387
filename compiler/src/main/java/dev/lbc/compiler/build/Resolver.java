package dev.lbc.compiler.build;

import dev.lbc.compiler.catalog.LanguageRules;
import dev.lbc.compiler.diag.Diagnostic;
import dev.lbc.compiler.diag.Diagnostics;
import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.ApplianceInterface;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Namespace;
import dev.lbc.compiler.model.RealServer;
import dev.lbc.compiler.model.Server;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.source.Span;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks names and references of a built model: LBC004 for duplicates (names compare without case,
 * as Windows host names, DNS names and the build's folder names do), LBC003 for references to a
 * server, certificate or service that is not declared. Linear in the size of the model.
 */
public final class Resolver {
  private final Diagnostics diagnostics;

  /**
   * Name comparisons left for "did you mean" suggestions. Each unknown reference is compared with
   * every declared name of its kind, so a hostile 1 MiB file (100,000 unknown references among
   * 10,000 servers) would cost 10^9 comparisons; past this budget an unknown name gets the plain
   * help instead. A real deployment spends a few hundred.
   */
  private long suggestionBudget = 250_000;

  private Resolver(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  public static void resolve(Deployment d, Diagnostics diagnostics) {
    new Resolver(diagnostics).run(d);
  }

  private void run(Deployment d) {
    Names servers = new Names();
    for (Server s : d.servers()) {
      unique(servers, s.name(), s.src().of("name"), "server name");
    }
    Names certificates = new Names();
    for (Certificate c : d.certificates()) {
      unique(certificates, c.name(), c.src().of("name"), "certificate name");
      certificateFile(c);
    }
    Names services = new Names();
    for (Service s : d.services()) {
      unique(services, s.name(), s.src().of("name"), "service name");
    }
    vdirPools(d, services);
    Map<String, Span> hostnames = new HashMap<>();
    unique(
        hostnames,
        d.appliances().primary().hostname(),
        d.appliances().primary().src().of("hostname"),
        "appliance hostname");
    if (d.appliances().secondary() != null) {
      unique(
          hostnames,
          d.appliances().secondary().hostname(),
          d.appliances().secondary().src().of("hostname"),
          "appliance hostname");
    }
    Map<String, Span> interfaces = new HashMap<>();
    for (ApplianceInterface i : d.appliances().interfaces()) {
      unique(interfaces, i.name(), i.src().of("name"), "interface name");
    }
    Map<String, Span> hosts = new HashMap<>();
    for (Namespace n : d.namespaces()) {
      unique(hosts, n.host(), n.src().of("host"), "namespace host");
      reference(services, n.service(), n.src().of("service"), "service");
    }
    for (Service s : d.services()) {
      Map<String, Span> members = new HashMap<>();
      for (RealServer r : s.realServers()) {
        reference(servers, r.server(), r.src().of("server"), "server");
        String member = r.server() + (r.port() == null ? "" : ":" + r.port());
        unique(members, member, r.src().node(), "real server in service " + s.name() + ":");
      }
      if (s.ssl() != null) {
        reference(certificates, s.ssl().offload(), s.ssl().src().of("offload"), "certificate");
      }
    }
  }

  /**
   * Each vdir's pool is named {@code <service>-<vdir>} (the HAProxy backend, the engine's pool), so
   * a service of that name would be a second proxy of one name: HAProxy refuses such a file, and
   * the build must not get that far.
   */
  private void vdirPools(Deployment d, Names services) {
    for (Service s : d.services()) {
      for (var e : s.vdirTimeouts().entrySet()) {
        // Timeouts for a vdir that is not routed on its own would apply to nothing: say so
        // rather than drop them.
        if (!s.vdirs().contains(e.getKey())) {
          diagnostics.report(
              Diagnostic.of(
                      LanguageRules.UNRESOLVED.id(),
                      Severity.ERROR,
                      e.getValue().src().node(),
                      "vdir-timeouts of service "
                          + s.name()
                          + " sets "
                          + e.getKey().word()
                          + ", which its `vdirs` does not list")
                  .withLabel(e.getKey().word() + " is served by the service's own pool")
                  .withHelp(
                      "add "
                          + e.getKey().word()
                          + " to `vdirs`, or set the service's `timeouts` instead"));
        }
      }
      for (int i = 0; i < s.vdirs().size(); i++) {
        String pool = s.name() + "-" + s.vdirs().get(i).word();
        Span taken = services.get(pool.toLowerCase(Locale.ROOT));
        if (taken != null) {
          diagnostics.report(
              Diagnostic.of(
                      LanguageRules.DUPLICATE.id(),
                      Severity.ERROR,
                      s.src().item("vdirs", i),
                      "the pool of vdir "
                          + s.vdirs().get(i).word()
                          + " of service "
                          + s.name()
                          + " is named "
                          + Messages.quote(pool)
                          + ", which is also a service's name")
                  .withLabel("its pool is " + pool)
                  .withSecondary(taken, "the service")
                  .withNote("a vdir's pool is named <service>-<vdir>; names compare without case")
                  .withHelp("rename one of the services"));
        }
      }
    }
  }

  /**
   * A certificate names exactly one file, {@code pem:} or {@code pfx:}, and a password only with
   * {@code pfx:} (a PEM key is unencrypted, ADR 0015). The schema cannot say "exactly one" with a
   * message a user understands, so the resolver does.
   */
  private void certificateFile(Certificate c) {
    String problem = null;
    Span at = c.src().node();
    if (c.pem() == null && c.pfx() == null) {
      problem = "certificate " + Messages.quote(c.name()) + " names no file";
      at = c.src().of("name");
    } else if (c.pem() != null && c.pfx() != null) {
      problem = "certificate " + Messages.quote(c.name()) + " names both a PEM and a PFX file";
      at = c.src().of("pfx");
    } else if (c.pfx() != null && c.password() == null) {
      problem = "certificate " + Messages.quote(c.name()) + ": a PFX file needs its password";
      at = c.src().of("pfx");
    } else if (c.pem() != null && c.password() != null) {
      problem =
          "certificate "
              + Messages.quote(c.name())
              + ": a password goes with pfx:, a PEM's key is read unencrypted";
      at = c.src().of("password");
    }
    if (problem != null) {
      diagnostics.report(
          Diagnostic.of(LanguageRules.SCHEMA.id(), Severity.ERROR, at, problem)
              .withHelp(
                  "write either `pem: certs/exchange.pem` or `pfx: certs/exchange.pfx` with"
                      + " `password: ${env:PFX_PASSWORD}`"));
    }
  }

  /** Declared names by their lower-case form, keeping the first spelling and span. */
  private static final class Names extends HashMap<String, Span> {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> spelling = new HashMap<>();
  }

  private void unique(Map<String, Span> seen, String name, Span at, String what) {
    if (seen instanceof Names names) {
      names.spelling.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
    }
    Span first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), at);
    if (first != null) {
      diagnostics.report(
          Diagnostic.of(
                  LanguageRules.DUPLICATE.id(),
                  Severity.ERROR,
                  at,
                  "duplicate " + what + " " + Messages.quote(name))
              .withLabel("second definition")
              .withSecondary(first, "first defined here")
              .withNote("names compare without regard to case")
              .withHelp("rename or remove one of them"));
    }
  }

  private void reference(Names declared, String name, Span at, String what) {
    if (declared.containsKey(name.toLowerCase(Locale.ROOT))) {
      return;
    }
    Diagnostic d =
        Diagnostic.of(
            LanguageRules.UNRESOLVED.id(),
            Severity.ERROR,
            at,
            "no " + what + " named " + Messages.quote(name) + " is declared");
    String suggestion = null;
    if (suggestionBudget >= declared.size()) {
      suggestionBudget -= declared.size();
      suggestion = Messages.didYouMean(name, declared.spelling.values());
    }
    diagnostics.report(
        suggestion == null
            ? d.withHelp("declare the " + what + " under `" + plural(what) + ":`")
            : d.withLabel("did you mean " + Messages.quote(suggestion) + "?"));
  }

  private static String plural(String what) {
    return what.equals("certificate") ? "certificates" : what + "s";
  }
}
