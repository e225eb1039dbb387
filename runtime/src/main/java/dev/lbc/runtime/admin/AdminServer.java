package dev.lbc.runtime.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lbc.runtime.sim.SimulatedExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The status page and JSON API, like the appliance's System Overview: every service and real server
 * with its state, weight, connections and last check, and the operator's actions per real server
 * (drain, halt, online). Credentials come from outside the deployment file; without them every
 * request is refused.
 */
public final class AdminServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final StatusProvider engine;
  private final Map<String, SimulatedExchange> simulated;
  private final String user;
  private final String password;
  private final Consumer<String> log;

  public AdminServer(
      String host,
      int port,
      StatusProvider engine,
      List<SimulatedExchange> simulated,
      String user,
      String password,
      Consumer<String> log)
      throws IOException {
    this.engine = engine;
    this.simulated = new LinkedHashMap<>();
    simulated.forEach(s -> this.simulated.put(s.name().toLowerCase(Locale.ROOT), s));
    this.user = user;
    this.password = password;
    this.log = log;
    server = HttpServer.create(new InetSocketAddress(host, port), 64);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "lbc-admin");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (user == null || password == null) {
        send(
            ex,
            503,
            "text/plain",
            "the admin API is off: set LBC_ADMIN_USER and"
                + " LBC_ADMIN_PASSWORD in lbc's environment\n");
        return;
      }
      if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"lbc\"");
        send(ex, 401, "text/plain", "credentials required\n");
        return;
      }
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (method.equals("GET") && path.equals("/")) {
        try (InputStream page = AdminServer.class.getResourceAsStream("status.html")) {
          send(
              ex,
              200,
              "text/html; charset=utf-8",
              new String(page.readAllBytes(), StandardCharsets.UTF_8));
        }
      } else if (method.equals("GET") && path.equals("/api/status")) {
        send(ex, 200, "application/json", JSON.writeValueAsString(status()));
      } else if (method.equals("POST") && path.startsWith("/api/")) {
        action(ex, path.substring(5).split("/"));
      } else {
        send(ex, 404, "text/plain", "not found\n");
      }
    }
  }

  private void action(HttpExchange ex, String[] p) throws IOException {
    if (p.length == 5 && p[0].equals("services") && p[2].equals("servers")) {
      if (!engine.act(p[1], p[3], p[4])) {
        send(ex, 404, "text/plain", "no such service, server or action\n");
        return;
      }
      log.accept(p[1] + "/" + p[3] + " set to " + p[4] + " by the admin API");
      send(ex, 200, "application/json", JSON.writeValueAsString(status()));
      return;
    }
    if (p.length == 3 && p[0].equals("simulated")) {
      SimulatedExchange sim = simulated.get(p[1].toLowerCase(Locale.ROOT));
      if (sim == null || !(p[2].equals("active") || p[2].equals("inactive"))) {
        send(ex, 404, "text/plain", "no such simulated server or state\n");
        return;
      }
      sim.setActive(p[2].equals("active"));
      log.accept(
          "simulated "
              + sim.name()
              + " is now "
              + p[2]
              + " (as Set-ServerComponentState would make it)");
      send(ex, 200, "application/json", JSON.writeValueAsString(status()));
      return;
    }
    send(ex, 404, "text/plain", "not found\n");
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(header.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, expected);
  }

  /** The System Overview as data. */
  public Map<String, Object> status() {
    List<Map<String, Object>> services = engine.services();
    List<Object> sims = new ArrayList<>();
    for (SimulatedExchange sim : simulated.values()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", sim.name());
      o.put("active", sim.isActive());
      o.put("requests", sim.requests());
      o.put("messages", sim.messages());
      sims.add(o);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("services", services);
    root.put("simulated", sims);
    return root;
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
