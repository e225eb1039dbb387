package dev.lbc.backends.haproxy;

import dev.lbc.backends.Templates;
import dev.lbc.compiler.model.CheckType;
import dev.lbc.compiler.model.Mode;
import dev.lbc.compiler.model.Persistence;
import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.AppliancePlan;
import dev.lbc.compiler.plan.Plan.CheckPlan;
import dev.lbc.compiler.plan.Plan.MemberPlan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.plan.Plan.VdirPlan;
import dev.lbc.compiler.spi.Backend;
import java.util.ArrayList;
import java.util.List;

/**
 * appliances/&lt;hostname&gt;/haproxy.cfg: every layer 7 service as the guides configure it
 * (HAProxy 2.6+), one {@code listen} section per service, plus the stats page on the appliance's
 * own address. Layer 4 services belong to keepalived.
 */
public final class HaproxyBackend implements Backend {
  /** The appliance's HAProxy stats port (as on the vendor appliance). */
  static final int STATS_PORT = 7777;

  /**
   * Where the RUNBOOK installs the offload certificates on an appliance: an absolute path, because
   * HAProxy started by systemd runs from /, where a relative {@code certs/} finds nothing.
   */
  public static final String INSTALLED_CERTS = "/etc/haproxy/certs";

  /**
   * How every HTTP-mode section starts. HAProxy's default ({@code http-reuse safe}) hands an idle
   * server connection to another client's request; NTLM and Negotiate authenticate the connection,
   * not the request, so that client would be served as the first user (HAProxy issue 2985).
   */
  static final List<String> HTTP_MODE =
      List.of(
          "mode http",
          "# NTLM and Negotiate authenticate the TCP connection, not the request (HAProxy issue",
          "# 2985): a server connection never serves a second client",
          "http-reuse never");

  @Override
  public String name() {
    return "haproxy";
  }

  @Override
  public List<GeneratedFile> render(Plan plan, AppliancePlan appliance) {
    return List.of(config(plan, appliance, INSTALLED_CERTS));
  }

  /**
   * The appliance's haproxy.cfg with the certificates looked up in {@code certBase} (an absolute
   * folder): lbc run loads them from its own run folder.
   */
  public GeneratedFile config(Plan plan, AppliancePlan appliance, String certBase) {
    return new GeneratedFile(
        "haproxy.cfg",
        Templates.render("haproxy/haproxy.cfg.ftl", view(plan, appliance, certBase)));
  }

  static HaproxyView view(Plan plan, AppliancePlan a, String certBase) {
    List<String> header = Templates.applianceHeader(plan, a, HaproxyQuoting::comment);
    List<String> global =
        new ArrayList<>(
            List.of(
                "log /dev/log local0",
                "# no maxconn: HAProxy derives it from the file descriptor limit it is given",
                "# expose-fd listeners: a reload hands the listening sockets over, losing no connection",
                "stats socket /run/haproxy/admin.sock mode 660 level admin expose-fd listeners",
                "tune.bufsize " + plan.requestBuffer(),
                "ssl-default-bind-options ssl-min-ver TLSv1.2",
                "ssl-default-server-options ssl-min-ver TLSv1.2"));
    if (plan.services().stream().anyMatch(s -> s.layer() == 7 && !s.tlsPorts().isEmpty())) {
      global.add("# the offload certificates (certs/ of this folder, installed by the RUNBOOK)");
      global.add("crt-base " + HaproxyQuoting.arg(certBase));
    }
    List<String> defaults =
        List.of(
            "log global",
            "mode tcp",
            "option dontlognull",
            "# a server that fails under load costs only the requests in flight",
            "retries 3",
            "option redispatch",
            "timeout connect 5s",
            "timeout queue 30s",
            "timeout client 30m",
            "timeout server 30m");
    List<String> userlist = new ArrayList<>();
    List<String> stats =
        new ArrayList<>(List.of("bind " + HaproxyQuoting.endpoint(a.address(), STATS_PORT)));
    stats.addAll(HTTP_MODE);
    stats.addAll(List.of("stats enable", "stats uri /", "stats refresh 10s"));
    List<String> guards = List.of();
    if (plan.adminPasswordHash() != null) {
      userlist.add("user admin password " + HaproxyQuoting.arg(plan.adminPasswordHash()));
      stats.add("http-request auth realm lbc unless { http_auth(lbc-admins) }");
      stats.add("stats admin if { http_auth(lbc-admins) }");
    } else if (plan.adminPasswordEnv() != null) {
      // HAProxy expands "${NAME}" from its environment when it starts.
      guards = passwordGuards(plan.adminPasswordEnv());
      stats.add("stats auth \"admin:${" + plan.adminPasswordEnv() + "}\"");
      stats.add("stats admin if TRUE");
    } else if (plan.adminPasswordLiteral() != null) {
      stats.add("stats auth " + HaproxyQuoting.arg("admin:" + plan.adminPasswordLiteral()));
      stats.add("stats admin if TRUE");
    } else {
      // LBC304 stops such a deployment; should one get here, the page must not open.
      stats.add("http-request deny");
    }
    List<HaproxyView.Section> listens = new ArrayList<>();
    for (ServicePlan s : plan.services()) {
      if (s.layer() == 7) {
        listens.add(listen(s));
        if (!s.redirectHttps()) {
          s.vdirs().forEach(v -> listens.add(vdirBackend(s, v)));
        }
      }
    }
    return new HaproxyView(
        header,
        guards,
        global,
        defaults,
        userlist,
        new HaproxyView.Section("Statistics page on this appliance's own address", "stats", stats),
        listens);
  }

  /**
   * Preprocessor lines that stop HAProxy from starting when the statistics page's password variable
   * is missing or empty: {@code stats auth "admin:${NAME}"} would then let {@code admin:} in with
   * an empty password and admin rights. The variable is compared inside single quotes, so any value
   * but one holding a single quote compares; one that does stops HAProxy too.
   */
  static List<String> passwordGuards(String variable) {
    String how =
        " in HAProxy's environment, and the statistics page would accept an empty password. Set it"
            + " for the service (a line "
            + variable
            + "=... in /etc/default/haproxy, or a systemd drop-in from systemctl edit haproxy);"
            + " see RUNBOOK.md";
    return List.of(
        "# The statistics page's password is " + variable + " from HAProxy's environment:",
        "# refuse to start without it. It may hold any character but a single quote.",
        ".if !defined(" + variable + ")",
        "    .alert \"lbc: " + variable + " is not set" + how + "\"",
        ".elif \"streq('${" + variable + "}','')\"",
        "    .alert \"lbc: " + variable + " is empty" + how + "\"",
        ".endif");
  }

  static HaproxyView.Section listen(ServicePlan s) {
    boolean http = s.http();
    List<String> lines = new ArrayList<>();
    List<String> binds = new ArrayList<>();
    for (int port : s.ports()) {
      String bind = "bind " + HaproxyQuoting.endpoint(s.vip(), port);
      if (s.terminatesTls(port)) {
        // HTTP/1.1 only, written out: HAProxy 2.8+ offers h2 on a TLS listener by default.
        bind += " ssl crt " + HaproxyQuoting.arg(s.certificate() + ".pem") + " alpn http/1.1";
      }
      binds.add(bind);
    }
    lines.addAll(binds);
    if (http) {
      lines.addAll(HTTP_MODE);
    } else {
      lines.add("mode tcp");
    }
    if (s.redirectHttps()) {
      lines.add("http-request redirect scheme https code 301");
      return new HaproxyView.Section(comment(s), s.name(), lines);
    }
    lines.add("balance " + (s.leastConnection() ? "leastconn" : "roundrobin"));
    if (s.vdirs().stream().anyMatch(v -> v.clientTimeoutMs() > s.clientTimeoutMs())) {
      lines.add("# the longest client timeout of the service and its vdirs: a client's connection");
      lines.add("# carries requests for any of them");
    }
    lines.add("timeout client " + time(clientTimeout(s)));
    lines.add("timeout server " + time(s.serverTimeoutMs()));
    if (http) {
      lines.add("# slow-header clients must not hold a connection for the full client timeout");
      lines.add("timeout http-request 10s");
      if (s.xForwardedFor()) {
        lines.add("option forwardfor");
      }
    }
    if (!s.vdirs().isEmpty()) {
      lines.add(
          "# each vdir to its own pool, by path at a segment boundary, in any case; the paths");
      lines.add("# of the other vdirs stay here");
      for (VdirPlan v : s.vdirs()) {
        String acl = "acl " + vdirAcl(v) + " ";
        String prefix = v.vdir().pathPrefix();
        lines.add(acl + "path -i " + HaproxyQuoting.arg(prefix));
        lines.add(acl + "path_beg -i " + HaproxyQuoting.arg(prefix + "/"));
      }
      for (VdirPlan v : s.vdirs()) {
        lines.add("use_backend " + HaproxyQuoting.arg(v.backendName()) + " if " + vdirAcl(v));
      }
    }
    pool(s, s.check(), lines);
    return new HaproxyView.Section(comment(s), s.name(), lines);
  }

  /**
   * A vdir's own pool: the service's servers, with their options, checked on the vdir's own health
   * page, so that Managed Availability taking one protocol out of a server takes it out of this
   * pool only.
   */
  static HaproxyView.Section vdirBackend(ServicePlan s, VdirPlan v) {
    List<String> lines = new ArrayList<>(HTTP_MODE);
    lines.add("balance " + (s.leastConnection() ? "leastconn" : "roundrobin"));
    lines.add("timeout server " + time(v.serverTimeoutMs()));
    pool(s, v.check(), lines);
    return new HaproxyView.Section(
        "Service " + s.name() + ", vdir " + v.vdir().word() + " (" + v.vdir().pathPrefix() + ")",
        "backend",
        v.backendName(),
        lines);
  }

  /** The client timeout of the service's frontend: its own, or a vdir's if that is longer. */
  static long clientTimeout(ServicePlan s) {
    long t = s.clientTimeoutMs();
    for (VdirPlan v : s.vdirs()) {
      t = Math.max(t, v.clientTimeoutMs());
    }
    return t;
  }

  private static String vdirAcl(VdirPlan v) {
    return "vdir_" + v.vdir().word();
  }

  /** The source address, persistence, check and servers of one of a service's pools. */
  private static void pool(ServicePlan s, CheckPlan check, List<String> lines) {
    boolean http = s.http();
    if (s.mode() == Mode.TPROXY) {
      lines.add("source " + (s.vip().isV6() ? "::" : "0.0.0.0") + " usesrc clientip");
    }
    persistence(s, http, lines);
    String serverOptions = check(check, s.reencrypt(), lines);
    for (MemberPlan m : s.members()) {
      StringBuilder b =
          new StringBuilder("server ")
              .append(HaproxyQuoting.arg(m.server()))
              .append(' ')
              .append(HaproxyQuoting.endpoint(m.address(), m.port()))
              .append(" weight ")
              // Unweighted balancing counts every member alike, but weight 0 still halts one,
              // as it does in IPVS and in the embedded engine.
              .append(s.weighted() ? m.weight() : Math.min(1, m.weight()));
      if (m.maxConnections() > 0) {
        b.append(" maxconn ").append(m.maxConnections());
        if (m.minConnections() > 0) {
          b.append(" minconn ").append(m.minConnections());
        }
      }
      if (s.reencrypt()) {
        b.append(" ssl verify none");
      }
      if (s.persistence() == Persistence.COOKIE && http) {
        b.append(" cookie ").append(HaproxyQuoting.arg(m.server()));
      }
      b.append(serverOptions);
      lines.add(b.toString());
    }
  }

  /** A time in HAProxy's units, as a person would write it: 30m, 5s, 500ms. */
  static String time(long ms) {
    if (ms > 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms > 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms > 0 && ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  private static String comment(ServicePlan s) {
    return "Service "
        + s.name()
        + ": "
        + s.mode().word()
        + " layer "
        + s.layer()
        + " "
        + s.protocol().word()
        + (s.certificate() != null
            ? ", SSL offload" + (s.reencrypt() ? " and re-encryption" : "")
            : "");
  }

  private static void persistence(ServicePlan s, boolean http, List<String> lines) {
    switch (s.persistence()) {
      case COOKIE -> {
        if (http) {
          lines.add("cookie SERVERID insert indirect nocache");
          return;
        }
        lines.add("# cookie persistence needs HTTP mode; TCP mode sticks on the source address");
        sourceStick(s, lines);
      }
      case SOURCE_IP -> sourceStick(s, lines);
      case NONE -> {}
    }
  }

  private static void sourceStick(ServicePlan s, List<String> lines) {
    lines.add("stick-table type " + (s.vip().isV6() ? "ipv6" : "ip") + " size 1m expire 30m");
    lines.add("stick on src");
  }

  /** Adds the check directives; returns what each server line needs. */
  private static String check(CheckPlan c, boolean reencrypt, List<String> lines) {
    String every =
        " check inter "
            + time(c.intervalMs())
            + " rise "
            + c.rise()
            + " fall "
            + c.fall()
            + (c.port() != null ? " port " + c.port() : "");
    switch (c.type()) {
      case HTTPS_GET, HTTP_GET -> {
        lines.add("option httpchk");
        String send = "http-check send meth GET uri " + HaproxyQuoting.arg(c.path());
        if (c.host() != null) {
          send += " ver HTTP/1.1 hdr Host " + HaproxyQuoting.arg(c.host());
        }
        lines.add(send);
        lines.add("http-check expect status " + c.expect());
        // Re-encrypted servers already check over SSL ("ssl" on the server line).
        return every
            + (c.type() == CheckType.HTTPS_GET && !reencrypt ? " check-ssl verify none" : "");
      }
      case SMTP_BANNER -> {
        lines.add("option smtpchk HELO lbc.invalid");
        return every;
      }
      case TCP_CONNECT -> {
        return every;
      }
      default -> {
        return "";
      }
    }
  }
}
