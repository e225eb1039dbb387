package dev.lbc.runtime.haproxy;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import dev.lbc.compiler.value.IpAddress;
import dev.lbc.runtime.admin.ApplianceRole;
import dev.lbc.runtime.admin.StatusProvider;
import dev.lbc.runtime.admin.VipTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The status page's view of a supervised HAProxy, read from its stats socket ({@code show stat})
 * and acted on through it ({@code set server ... state drain|maint|ready}). The fields are the
 * embedded engine's, from HAProxy's counters: a member's connect errors are {@code econ}, its
 * server errors {@code eresp}, its failed checks {@code chkfail}, its max-connections {@code slim};
 * a service's client errors are its backend's {@code cli_abrt}.
 */
public final class HaproxyStatus implements StatusProvider {
  private final Path socket;
  private volatile Plan plan;
  private final Function<IpAddress, String> bound;
  private final ApplianceRole role;

  public HaproxyStatus(Path socket, Plan plan) {
    this(socket, plan, IpAddress::text, ApplianceRole.host());
  }

  /**
   * @param bound where a VIP of the plan is bound (through {@code --bind-map})
   * @param role the appliance's VRRP role for a bound address
   */
  public HaproxyStatus(
      Path socket, Plan plan, Function<IpAddress, String> bound, ApplianceRole role) {
    this.socket = socket;
    this.plan = plan;
    this.bound = bound;
    this.role = role;
  }

  /** {@code show stat}, split by row kind; a null header when the socket did not answer. */
  private record Stats(
      String[] header,
      Map<String, String[]> frontends,
      Map<String, String[]> backends,
      Map<String, Map<String, String[]>> servers,
      String error) {}

  private Stats stats() {
    Map<String, Map<String, String[]>> rows = new LinkedHashMap<>();
    Map<String, String[]> backends = new LinkedHashMap<>();
    Map<String, String[]> frontends = new LinkedHashMap<>();
    String[] header = null;
    try {
      for (String line : command("show stat").split("\n")) {
        if (line.startsWith("# ")) {
          header = line.substring(2).split(",", -1);
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length > 2 && f[1].equals("BACKEND")) {
          backends.put(f[0], f);
        } else if (f.length > 2 && f[1].equals("FRONTEND")) {
          frontends.put(f[0], f);
        } else if (f.length > 2) {
          rows.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], f);
        }
      }
    } catch (IOException e) {
      return new Stats(null, Map.of(), Map.of(), Map.of(), e.getMessage());
    }
    return new Stats(header, frontends, backends, rows, null);
  }

  /**
   * A service's listeners are its {@code listen} section's FRONTEND row: OPEN (or FULL, at its
   * maxconn) is listening. HAProxy counts what its own rules deny ({@code dcon}, {@code dses}: the
   * lockdown when it is written as tcp-request rules); it does not count connections it found no
   * server for or left in the backlog at maxconn, so those two are unknown (null) here. Layer 4
   * services are not HAProxy's: keepalived and IPVS run them, or nothing does.
   */
  @Override
  public List<Map<String, Object>> vips() {
    Stats st = stats();
    List<VipTable.Row> rows = new ArrayList<>();
    for (ServicePlan s : plan.services()) {
      String[] f = st.frontends().get(s.name());
      String status = f == null ? "" : field(st.header(), f, "status");
      String state =
          s.layer() != 7
              ? VipTable.NOT_SERVED
              : st.error() != null
                  ? "unknown (" + st.error() + ")"
                  : status.equals("OPEN") || status.equals("FULL")
                      ? VipTable.LISTENING
                      : VipTable.FAILED;
      Long denied =
          f == null ? null : count(st.header(), f, "dcon") + count(st.header(), f, "dses");
      for (int port : s.ports()) {
        rows.add(
            new VipTable.Row(
                s.vip().text(), bound.apply(s.vip()), s.name(), port, state, denied, null, null));
      }
    }
    return VipTable.of(rows, role::of);
  }

  public void setPlan(Plan next) {
    plan = next;
  }

  /** How long one stats socket command may take, and how large its answer may be. */
  static final Duration COMMAND_DEADLINE = Duration.ofSeconds(3);

  static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

  /**
   * Sends one command to the stats socket and returns HAProxy's answer. The read is bounded in time
   * and size: a stuck or flooding socket makes the status page say so, never hang it.
   */
  String command(String command) throws IOException {
    return exchange(socket, command + "\n", "`" + command + "`");
  }

  /**
   * Sends {@code request} on the Unix socket {@code socket} and reads the answer until the peer
   * closes, within {@link #COMMAND_DEADLINE} and {@link #MAX_ANSWER_BYTES}; {@code what} names the
   * request in the errors.
   */
  static String exchange(Path socket, String request, String what) throws IOException {
    long deadline = System.nanoTime() + COMMAND_DEADLINE.toNanos();
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.configureBlocking(false);
      ByteBuffer sent = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(65536);
      SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IOException(
              "no complete answer to " + what + " within " + COMMAND_DEADLINE.toSeconds() + " s");
        }
        selector.select(Math.max(1, left / 1_000_000));
        if (sent.hasRemaining()) {
          ch.write(sent);
          if (!sent.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ);
          }
          continue;
        }
        int n = ch.read(buf);
        if (n < 0) {
          return out.toString(StandardCharsets.UTF_8);
        }
        out.write(buf.array(), 0, buf.position());
        buf.clear();
        if (out.size() > MAX_ANSWER_BYTES) {
          throw new IOException(
              "the answer to " + what + " is over " + MAX_ANSWER_BYTES + " bytes");
        }
      }
    }
  }

  @Override
  public List<Map<String, Object>> services() {
    Stats st = stats();
    String[] header = st.header();
    Map<String, String[]> backends = st.backends();
    Map<String, Map<String, String[]>> rows = st.servers();
    if (st.error() != null) {
      return List.of(
          Map.of(
              "name",
              "HAProxy stats socket unavailable: " + st.error(),
              "vip",
              "",
              "ports",
              List.of(),
              "mode",
              "",
              "layer",
              0,
              "servers",
              List.of()));
    }
    List<Map<String, Object>> services = new ArrayList<>();
    for (ServicePlan s : plan.services()) {
      if (s.layer() != 7) {
        continue;
      }
      List<Object> servers = new ArrayList<>();
      for (var row : rows.getOrDefault(s.name(), Map.of()).entrySet()) {
        String[] f = row.getValue();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", row.getKey());
        o.put("address", field(header, f, "addr"));
        o.put("port", null);
        String status = field(header, f, "status");
        o.put(
            "state",
            status.startsWith("UP") || status.equals("DRAIN")
                ? "UP"
                : status.startsWith("MAINT") ? "UP" : "DOWN");
        o.put(
            "admin",
            status.equals("DRAIN") ? "drain" : status.startsWith("MAINT") ? "halt" : "online");
        o.put("weight", field(header, f, "weight"));
        o.put("current", field(header, f, "scur"));
        o.put("total", field(header, f, "stot"));
        o.put("maxConnections", count(header, f, "slim"));
        o.put("lastCheck", field(header, f, "check_status") + " " + field(header, f, "check_desc"));
        // HAProxy's stats say what the last check found, not when it ran
        o.put("lastCheckAt", null);
        o.put("checkFailures", count(header, f, "chkfail"));
        o.put("connectErrors", count(header, f, "econ"));
        o.put("serverErrors", count(header, f, "eresp"));
        servers.add(o);
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", s.name());
      o.put("vip", s.vip().text());
      o.put("ports", s.ports());
      o.put("mode", s.mode().word());
      o.put("layer", s.layer());
      o.put("refused", 0);
      String[] backend = backends.getOrDefault(s.name(), new String[0]);
      o.put("clientErrors", count(header, backend, "cli_abrt"));
      o.put("connectErrors", count(header, backend, "econ"));
      o.put("serverErrors", count(header, backend, "eresp"));
      o.put("servers", servers);
      o.put("vdirs", vdirs(s, rows, header));
      services.add(o);
    }
    return services;
  }

  /**
   * Each vdir backend of {@code s} with its servers' states, as the embedded engine gives them: the
   * operator's DRAIN or MAINT first, else UP or DOWN, and the last check as HAProxy describes it
   * (its code as "returned 503", the words the page shows). HAProxy gives no time of the last
   * check, so {@code at} is null.
   */
  private static List<Object> vdirs(
      ServicePlan s, Map<String, Map<String, String[]>> rows, String[] header) {
    List<Object> vdirs = new ArrayList<>();
    for (var v : s.vdirs()) {
      List<Object> members = new ArrayList<>();
      for (var row : rows.getOrDefault(v.backendName(), Map.of()).entrySet()) {
        String[] f = row.getValue();
        String status = field(header, f, "status");
        String code = field(header, f, "check_code");
        Map<String, Object> check = new LinkedHashMap<>();
        check.put(
            "status",
            (field(header, f, "check_status") + " " + field(header, f, "check_desc")).trim()
                + (code.isEmpty() ? "" : ", returned " + code));
        check.put("at", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server", row.getKey());
        m.put(
            "state",
            status.equals("DRAIN")
                ? "DRAIN"
                : status.startsWith("MAINT") ? "MAINT" : status.startsWith("UP") ? "UP" : "DOWN");
        m.put("current", count(header, f, "scur"));
        m.put("total", count(header, f, "stot"));
        m.put("lastCheck", check);
        members.add(m);
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", v.vdir().word());
      o.put("backend", v.backendName());
      o.put("members", members);
      vdirs.add(o);
    }
    return vdirs;
  }

  /** A counter of HAProxy's; empty (not applicable, or no limit) is 0. */
  private static long count(String[] header, String[] row, String name) {
    String v = field(header, row, name);
    return v.matches("[0-9]{1,18}") ? Long.parseLong(v) : 0;
  }

  private static String field(String[] header, String[] row, String name) {
    if (header == null) {
      return "";
    }
    for (int i = 0; i < header.length && i < row.length; i++) {
      if (header[i].equals(name)) {
        return row[i];
      }
    }
    return "";
  }

  @Override
  public boolean act(String service, String server, String action) {
    return act(service, null, server, action);
  }

  /**
   * Sets a server's state in the backend of one vdir of {@code service}, or, with {@code vdir}
   * null, in the service's own section and every vdir backend of it: a row of the page acts on the
   * whole service, as it does on the embedded engine.
   */
  @Override
  public boolean act(String service, String vdir, String server, String action) {
    ServicePlan s =
        plan.services().stream().filter(x -> x.name().equals(service)).findFirst().orElse(null);
    if (s == null) {
      return false;
    }
    List<String> backends = new ArrayList<>();
    if (vdir == null) {
      backends.add(service);
    }
    for (var v : s.vdirs()) {
      if (vdir == null || v.vdir().word().equals(vdir)) {
        backends.add(v.backendName());
      }
    }
    if (backends.isEmpty()) {
      return false;
    }
    for (String backend : backends) {
      if (!setState(backend, server, action)) {
        return false;
      }
    }
    return true;
  }

  private boolean setState(String service, String server, String action) {
    String state =
        switch (action) {
          case "drain" -> "drain";
          case "halt" -> "maint";
          case "online" -> "ready";
          default -> null;
        };
    if (state == null
        || !service.matches("[A-Za-z0-9._-]+")
        || !server.matches("[A-Za-z0-9._-]+")) {
      return false;
    }
    try {
      String answer = command("set server " + service + "/" + server + " state " + state);
      return answer.isBlank();
    } catch (IOException e) {
      return false;
    }
  }
}
