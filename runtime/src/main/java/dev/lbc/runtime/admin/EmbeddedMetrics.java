package dev.lbc.runtime.admin;

import dev.lbc.runtime.admin.Metrics.Family;
import dev.lbc.runtime.engine.Backend;
import dev.lbc.runtime.engine.Engine;
import dev.lbc.runtime.engine.ServiceRuntime;
import dev.lbc.runtime.pool.Member;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded engine's counters under the names of HAProxy's exporter: each service is a frontend
 * ({@code proxy} = the service's name, as the {@code listen} section HAProxy runs), and each of its
 * pools a backend with its servers. A pool is anything with members: the service's own today, one
 * per vdir when a service routes per vdir ({@link #pools}).
 */
public final class EmbeddedMetrics {
  private EmbeddedMetrics() {}

  /** HAProxy's server states, in the order its exporter writes them. */
  static final List<String> SERVER_STATES = List.of("DOWN", "UP", "MAINT", "DRAIN", "NOLB");

  static final List<String> CODES = List.of("1xx", "2xx", "3xx", "4xx", "5xx", "other");

  /** A backend as the metrics see it: its proxy name and members. */
  public record Pool(String proxy, List<Backend> backends) {}

  /**
   * The pools of a service: its own, under its name, then one per vdir under its backend's name
   * (MBOX-HTTPS-owa), as HAProxy's exporter shows the backends of the generated config.
   */
  static List<Pool> pools(ServiceRuntime s) {
    return s.pools().stream().map(p -> new Pool(p.name(), p.backends())).toList();
  }

  /** Every family, read now from the engine's live counters. */
  public static List<Family> families(Engine engine) {
    Family feCur =
        Family.gauge(
            "haproxy_frontend_current_sessions",
            "Number of current sessions on the frontend, backend or server");
    Family feTot =
        Family.counter(
            "haproxy_frontend_sessions_total", "Total number of sessions since process started");
    Family feHttp =
        Family.counter(
            "haproxy_frontend_http_responses_total",
            "Total number of HTTP responses with status 100-199 returned by this object since the"
                + " worker process started");
    Family beStatus =
        Family.gauge(
            "haproxy_backend_status", "Current status of the service, per state label value.");
    Family beActive =
        Family.gauge(
            "haproxy_backend_active_servers",
            "Total number of active UP servers with a non-zero weight");
    Family svStatus =
        Family.gauge(
            "haproxy_server_status", "Current status of the service, per state label value.");
    Family svCur =
        Family.gauge(
            "haproxy_server_current_sessions",
            "Number of current sessions on the frontend, backend or server");
    Family svTot =
        Family.counter(
            "haproxy_server_sessions_total", "Total number of sessions since process started");
    Family svWeight =
        Family.gauge(
            "haproxy_server_weight",
            "Server's effective weight, or sum of active servers' effective weights for a backend");
    Family svChkFail =
        Family.counter(
            "haproxy_server_check_failures_total",
            "Total number of failed individual health checks per server/backend, since the worker"
                + " process started");
    Family svUpDown =
        Family.counter(
            "haproxy_server_check_up_down_total",
            "Total number of failed checks causing UP to DOWN server transitions, per"
                + " server/backend, since the worker process started");
    List<ServiceRuntime> services = new ArrayList<>(engine.services().values());
    for (ServiceRuntime s : services) {
      String proxy = s.plan().name();
      feCur = feCur.with(s.currentSessions(), "proxy", proxy);
      feTot = feTot.with(s.sessions(), "proxy", proxy);
    }
    // grouped by code, as HAProxy's exporter writes them
    for (int code = 0; code < CODES.size(); code++) {
      for (ServiceRuntime s : services) {
        if (s.plan().http()) {
          feHttp =
              feHttp.with(s.responses(code), "proxy", s.plan().name(), "code", CODES.get(code));
        }
      }
    }
    for (ServiceRuntime s : services) {
      for (Pool p : pools(s)) {
        int active = 0;
        for (Backend b : p.backends()) {
          Member m = b.member();
          String state = state(m);
          active += state.equals("UP") && m.weight() > 0 ? 1 : 0;
          for (String st : SERVER_STATES) {
            svStatus =
                svStatus.with(
                    st.equals(state) ? 1 : 0, "proxy", p.proxy(), "server", m.name(), "state", st);
          }
          svCur = svCur.with(m.currentConnections(), "proxy", p.proxy(), "server", m.name());
          svTot = svTot.with(m.totalConnections(), "proxy", p.proxy(), "server", m.name());
          svWeight = svWeight.with(m.weight(), "proxy", p.proxy(), "server", m.name());
          svChkFail = svChkFail.with(m.checkFailures(), "proxy", p.proxy(), "server", m.name());
          svUpDown = svUpDown.with(m.upDownTransitions(), "proxy", p.proxy(), "server", m.name());
        }
        boolean up = p.backends().stream().anyMatch(b -> usable(b.member()));
        beStatus = beStatus.with(up ? 0 : 1, "proxy", p.proxy(), "state", "DOWN");
        beStatus = beStatus.with(up ? 1 : 0, "proxy", p.proxy(), "state", "UP");
        beActive = beActive.with(active, "proxy", p.proxy());
      }
    }
    // lbc's own (HAProxy's exporter has none): the queue of SSL-offload handshakes (ADR 0028)
    Family tlsWaiting =
        Family.gauge(
                "lbc_tls_handshakes_waiting",
                "SSL-offload handshakes whose next step waits for a handshake thread")
            .with(engine.handshakesWaiting());
    Family tlsAbandoned =
        Family.counter(
                "lbc_tls_handshakes_abandoned_total",
                "SSL-offload handshakes dropped unfinished from the handshake queue: their"
                    + " client's connection had closed (the client left, or the handshake timed"
                    + " out)")
            .with(engine.handshakesAbandoned());
    return List.of(
        feCur,
        feTot,
        feHttp,
        beStatus,
        beActive,
        svStatus,
        svCur,
        svTot,
        svWeight,
        svChkFail,
        svUpDown,
        tlsWaiting,
        tlsAbandoned);
  }

  /**
   * A member's state as HAProxy names it: the operator's halt is MAINT whatever the checks say, a
   * DOWN member is DOWN, a drained one DRAIN.
   */
  static String state(Member m) {
    if (m.admin() == Member.Admin.HALT) {
      return "MAINT";
    }
    if (!m.isUp()) {
      return "DOWN";
    }
    return m.admin() == Member.Admin.DRAIN ? "DRAIN" : "UP";
  }

  /** HAProxy's backend is UP while one server can take traffic (UP or draining, not halted). */
  private static boolean usable(Member m) {
    return m.isUp() && m.admin() != Member.Admin.HALT;
  }
}
