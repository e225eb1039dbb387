package dev.lbc.runtime.engine;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.compiler.plan.Plan.ServicePlan;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.BindException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The embedded engine: serves a plan's layer 7 TCP-mode services in-process on Netty, with the
 * pool, health checks and lockdown. Layer 4 services need the kernel's IPVS and HTTP-mode services
 * are not implemented yet: both are named plainly in the log and not served.
 */
public final class Engine implements AutoCloseable {
  private final EventLoopGroup boss = new NioEventLoopGroup(1);
  private final EventLoopGroup workers = new NioEventLoopGroup();
  private final ScheduledExecutorService checks =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "lbc-health");
            t.setDaemon(true);
            return t;
          });
  private final List<Channel> listeners = new ArrayList<>();
  private final Map<String, ServiceRuntime> services = new LinkedHashMap<>();

  /** A VIP:port that could not be bound. */
  public static final class BindFailure extends Exception {
    private static final long serialVersionUID = 1L;

    BindFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private Engine() {}

  /**
   * How the engine runs: where certificate paths are relative to (the deployment's folder) and how
   * long a client may take to send a request head in HTTP mode.
   */
  public record Options(java.nio.file.Path baseDir, long headerTimeoutMs) {
    public static final Options DEFAULT = new Options(java.nio.file.Path.of("."), 10_000);
  }

  /** Starts every service this engine can run; on a bind failure stops and says how to fix it. */
  public static Engine start(Plan plan, BindMap map, Consumer<String> log) throws BindFailure {
    return start(plan, map, log, Options.DEFAULT);
  }

  /** Starts every service this engine can run, with these options. */
  public static Engine start(Plan plan, BindMap map, Consumer<String> log, Options options)
      throws BindFailure {
    Engine e = new Engine();
    try {
      e.startServices(plan, map, log, options);
      return e;
    } catch (BindFailure | RuntimeException ex) {
      e.close();
      throw ex;
    }
  }

  private void startServices(Plan plan, BindMap map, Consumer<String> log, Options options)
      throws BindFailure {
    HealthChecker checker = new HealthChecker(checks, log);
    for (ServicePlan s : plan.services()) {
      if (s.layer() == 4) {
        log.accept(
            s.name()
                + ": layer 4 "
                + s.mode().toUpperCase()
                + " needs the kernel's IPVS"
                + " (keepalived on an appliance); not served by the embedded engine");
        continue;
      }
      boolean http = s.protocol().equals("http");
      io.netty.handler.ssl.SslContext offload =
          s.certificate() == null ? null : serverTls(plan, s.certificate(), options);
      io.netty.handler.ssl.SslContext toServers = s.reencrypt() ? clientTls() : null;
      ServiceRuntime runtime = new ServiceRuntime(s, map);
      services.put(s.name(), runtime);
      for (int port : s.ports()) {
        String address = map.map(s.vip());
        try {
          Channel ch =
              new ServerBootstrap()
                  .group(boss, workers)
                  .channel(NioServerSocketChannel.class)
                  .option(ChannelOption.SO_BACKLOG, 1024)
                  .option(ChannelOption.SO_REUSEADDR, true)
                  .childHandler(
                      new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                          if (http) {
                            HttpProxy.configure(
                                ch,
                                runtime,
                                port,
                                port == 443 || s.ports().size() == 1 ? offload : null,
                                toServers,
                                plan.requestBuffer(),
                                options.headerTimeoutMs());
                          } else {
                            TcpProxy.configure(ch, runtime, port);
                          }
                        }
                      })
                  .bind(address, port)
                  .sync()
                  .channel();
          listeners.add(ch);
          log.accept(s.name() + ": listening on " + address + ":" + port);
        } catch (Exception ex) {
          if (ex instanceof BindException
              || ex.getCause() instanceof BindException
              || String.valueOf(ex.getMessage()).contains("Cannot assign")) {
            throw new BindFailure(
                "cannot listen on "
                    + address
                    + ":"
                    + port
                    + " for "
                    + s.name()
                    + " ("
                    + ex.getMessage()
                    + "); on a lab machine map the VIP to a local address,"
                    + " e.g. --bind-map "
                    + s.vip()
                    + "=127.0.0.10",
                ex);
          }
          if (ex instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          throw new IllegalStateException(ex);
        }
      }
      for (Backend b : runtime.backends()) {
        checker.watch(s.name(), b, s.check(), s.ports().get(0));
      }
    }
  }

  private static io.netty.handler.ssl.SslContext serverTls(
      Plan plan, String certificate, Options options) {
    String pem =
        plan.certificates().stream()
            .filter(c -> c.name().equalsIgnoreCase(certificate))
            .findFirst()
            .orElseThrow()
            .pem();
    java.io.File file = options.baseDir().resolve(pem).toFile();
    try {
      return io.netty.handler.ssl.SslContextBuilder.forServer(file, file).build();
    } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "certificate " + certificate + " (" + file + "): " + e.getMessage(), e);
    }
  }

  /** Re-encryption to the servers does not verify them, as HAProxy's "ssl verify none". */
  private static io.netty.handler.ssl.SslContext clientTls() {
    try {
      return io.netty.handler.ssl.SslContextBuilder.forClient()
          .trustManager(io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE)
          .build();
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Map<String, ServiceRuntime> services() {
    return services;
  }

  @Override
  public void close() {
    listeners.forEach(Channel::close);
    checks.shutdownNow();
    boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }
}
