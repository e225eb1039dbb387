package dev.lbc.validators.rules;

import dev.lbc.compiler.catalog.RuleDescriptor;
import dev.lbc.compiler.diag.Severity;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.model.Protocol;
import dev.lbc.compiler.model.Service;
import dev.lbc.compiler.spi.LintRule;
import dev.lbc.compiler.spi.RuleContext;

/** LBC218: per-vdir routing where the appliance sees no HTTP request to route. */
public final class VdirsWithoutHttp implements LintRule {
  static final RuleDescriptor DESCRIPTOR =
      new RuleDescriptor(
          "LBC218",
          "vdirs-without-http",
          Severity.ERROR,
          "`vdirs` without HTTP mode (SSL must be offloaded to route by path)",
          """
          `vdirs` sends each Exchange virtual directory to a pool of its own, chosen by the path
          of each request (/owa, /ews, /Microsoft-Server-ActiveSync...), and checks each pool on
          its own healthcheck.htm. Only a layer 7 service in HTTP mode reads that path: a layer 4
          service forwards packets, a TCP-mode service forwards bytes, and HTTPS that is not
          offloaded on the appliance is encrypted. Without HTTP there is no path to route on, so
          lbc refuses the deployment rather than build a pool that could never be chosen. A
          redirect service answers every request itself and has no pool to split.
          """,
          "Use `layer: 7`, `protocol: http`, and for HTTPS `ssl: { offload: <certificate>,"
              + " reencrypt: true }`; or remove `vdirs` and check one vdir for the whole service.",
          "Exchange 2016 guide §6.6 \"Health-Checks\" (each virtual directory has its own"
              + " healthcheck.htm, generated from the component state of its protocol) and §10"
              + " \"Appliance Configuration – Using Layer 7 SNAT Mode (with SSL Offload)\"",
          Example.with(
              """
                - { name: MBOX-HTTPS2, vip: 192.168.30.11, ports: [443], mode: snat, protocol: tcp, vdirs: [owa, ews], real-servers: [{ server: MBOX1, port: 443 }] }  # ~ LBC218
              """),
          Example.with(
              """
                - { name: MBOX-HTTP, vip: 192.168.30.11, ports: [80], mode: snat, protocol: http, vdirs: [owa, ews], real-servers: [{ server: MBOX1, port: 80 }] }
              """));

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void check(Deployment deployment, RuleContext context) {
    for (Service s : deployment.services()) {
      if (s.vdirs().isEmpty()) {
        continue;
      }
      String why = null;
      if (s.effectiveLayer() == 4) {
        why = "a layer 4 service forwards packets, not HTTP requests";
      } else if (s.protocol() != Protocol.HTTP) {
        why = "the service is in TCP mode; set `protocol: http`";
      } else if (s.ports().contains(443) && s.ssl() == null) {
        why = "HTTPS is passed through without offload, so the requests are encrypted";
      } else if (s.redirect() != null) {
        why = "the service redirects every request and has no pool to split";
      }
      if (why != null) {
        context.report(
            context
                .at(
                    s.src().of("vdirs"),
                    "service "
                        + s.name()
                        + " cannot route by vdir: "
                        + why
                        + "; without HTTP there is no path to route on")
                .withHelp("use layer 7 HTTP mode with SSL offload, or remove vdirs"));
      }
    }
  }
}
