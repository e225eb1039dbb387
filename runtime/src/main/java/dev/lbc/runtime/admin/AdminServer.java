package dev.lbc.runtime.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbc.compiler.diag.Messages;
import dev.lbc.compiler.model.Vdir;
import dev.lbc.runtime.sim.SimulatedExchange;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The status page and JSON API, like the appliance's System Overview: every service and real server
 * with its state, weight, connections and last check, and the operator's actions per real server
 * (drain, halt, online). Credentials come from outside the deployment file; without them every
 * request is refused.
 *
 * <p>It runs on an event loop, so a client that never finishes its request holds no thread: a
 * request (head and body) must arrive within {@link #REQUEST_TIMEOUT} and fit in a few KiB; when
 * more than {@link #MAX_WAITING} connections wait for their request, the one that has waited
 * longest is closed (not the newcomer, who may be the operator: on the default loopback address
 * every client shares one source address, so a limit per address would lock the operator out); and
 * the answers are computed on a separate pool because a supervised HAProxy's stats socket is read
 * with blocking I/O. One request per connection: the page polls every 2 s, and a connection that
 * ends with its answer has no idle state to time out.
 */
public final class AdminServer implements AutoCloseable {
  /** How long a client has to send its whole request, head and body. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  static final int MAX_WAITING = 128;
  private static final int MAX_REQUEST_LINE = 4096;
  private static final int MAX_HEADERS = 8192;
  private static final int MAX_BODY = 16 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StatusProvider engine;
  private final MetricsSource metrics;
  private final Map<String, SimulatedExchange> simulated;
  private final AdminCredentials credentials;
  private final RequestGuard guard;
  private final Consumer<String> log;
  private final EventLoopGroup loop = new NioEventLoopGroup(1);
  private final EventExecutorGroup answers = new DefaultEventExecutorGroup(2);

  /** Connections whose request has not arrived yet, oldest first; used on the loop thread. */
  private final Set<Channel> waiting = new LinkedHashSet<>();

  private final Channel channel;

  public AdminServer(
      String host,
      int port,
      StatusProvider engine,
      List<SimulatedExchange> simulated,
      String user,
      String password,
      Consumer<String> log)
      throws IOException {
    this(host, port, engine, simulated, user, password, log, null);
  }

  /** A status page that also answers {@code GET /metrics} from {@code metrics} (null: 404). */
  public AdminServer(
      String host,
      int port,
      StatusProvider engine,
      List<SimulatedExchange> simulated,
      String user,
      String password,
      Consumer<String> log,
      MetricsSource metrics)
      throws IOException {
    this.engine = engine;
    this.metrics = metrics;
    this.simulated = new LinkedHashMap<>();
    simulated.forEach(s -> this.simulated.put(s.name().toLowerCase(Locale.ROOT), s));
    this.credentials = AdminCredentials.of(user, password);
    this.guard = new RequestGuard(host);
    this.log = log;
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      close();
      throw new IOException(host + " cannot be resolved");
    }
    try {
      channel =
          new ServerBootstrap()
              .group(loop)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      admit(ch);
                    }
                  })
              .bind(address)
              .syncUninterruptibly()
              .channel();
    } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
      close();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
  }

  /** The port bound, which differs from the one asked for when that was 0. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Why the API refuses every request, naming the variable to set; null when it is on. */
  public String offReason() {
    return credentials.offReason();
  }

  private void admit(SocketChannel ch) {
    // One loop thread accepts, reads and closes every connection: no lock around `waiting`.
    waiting.add(ch);
    if (waiting.size() > MAX_WAITING) {
      Channel oldest = waiting.iterator().next();
      waiting.remove(oldest);
      refuse(oldest, HttpResponseStatus.REQUEST_TIMEOUT, "too many clients wait for an answer\n");
    }
    ch.closeFuture().addListener(f -> waiting.remove(ch));
    ScheduledFuture<?> deadline =
        ch.eventLoop()
            .schedule(
                () -> refuse(ch, HttpResponseStatus.REQUEST_TIMEOUT, timeoutText()),
                REQUEST_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
    ch.closeFuture().addListener(f -> deadline.cancel(false));
    ch.pipeline()
        .addLast(new HttpServerCodec(MAX_REQUEST_LINE, MAX_HEADERS, MAX_BODY))
        .addLast(new Framing(deadline, () -> waiting.remove(ch)))
        .addLast(new HttpObjectAggregator(MAX_BODY))
        .addLast(answers, new Answer());
  }

  private static String timeoutText() {
    return "the request did not arrive within " + REQUEST_TIMEOUT.toSeconds() + " s\n";
  }

  /** Refuses a request that could not be read, and cancels the deadline once one has been. */
  private static final class Framing extends ChannelInboundHandlerAdapter {
    private final ScheduledFuture<?> deadline;
    private final Runnable arrived;

    Framing(ScheduledFuture<?> deadline, Runnable arrived) {
      this.deadline = deadline;
      this.arrived = arrived;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
        Throwable cause = request.decoderResult().cause();
        io.netty.util.ReferenceCountUtil.release(msg);
        deadline.cancel(false);
        if (cause instanceof TooLongHttpHeaderException) {
          refuse(
              ctx.channel(),
              HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
              "request headers over " + MAX_HEADERS + " bytes\n");
        } else if (cause instanceof TooLongHttpLineException) {
          refuse(
              ctx.channel(),
              HttpResponseStatus.REQUEST_URI_TOO_LONG,
              "request line over " + MAX_REQUEST_LINE + " bytes\n");
        } else {
          refuse(ctx.channel(), HttpResponseStatus.BAD_REQUEST, "malformed request\n");
        }
        return;
      }
      if (msg instanceof LastHttpContent) {
        deadline.cancel(false);
        arrived.run();
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // a reset by the client; nothing to answer
    }
  }

  private static void refuse(Channel ch, HttpResponseStatus status, String text) {
    if (ch.isActive()) {
      ch.writeAndFlush(response(status, "text/plain; charset=utf-8", text))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Answers one complete request, off the event loop. */
  private final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      FullHttpResponse response;
      try {
        response = answer(request, ctx.channel());
      } catch (RuntimeException | IOException e) {
        // the request line is the client's text: escaped, so it cannot forge terminal output
        log.accept(
            Messages.printable(
                "admin API: " + request.method() + " " + request.uri() + " failed: " + e));
        response =
            response(
                HttpResponseStatus.INTERNAL_SERVER_ERROR,
                "text/plain; charset=utf-8",
                "internal error; see lbc's log\n");
      }
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private FullHttpResponse answer(FullHttpRequest request, Channel ch) throws IOException {
    HttpHeaders h = request.headers();
    String host = h.get(HttpHeaderNames.HOST);
    String misdirected = guard.misdirected(host);
    if (misdirected != null) {
      return text(
          host == null ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.MISDIRECTED_REQUEST,
          misdirected);
    }
    String method = request.method().name();
    boolean safe = method.equals("GET") || method.equals("HEAD");
    if (!safe) {
      String crossSite =
          guard.crossSite(
              host,
              h.get("Sec-Fetch-Site"),
              h.get(HttpHeaderNames.ORIGIN),
              h.get(HttpHeaderNames.REFERER),
              h.get("X-Requested-With"),
              h.get(HttpHeaderNames.CONTENT_TYPE));
      if (crossSite != null) {
        log.accept(
            Messages.printable(
                "admin API: refused " + method + " " + request.uri() + ": " + crossSite));
        return text(HttpResponseStatus.FORBIDDEN, crossSite);
      }
    }
    if (!credentials.on()) {
      return text(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "the admin API is off: "
              + credentials.offReason()
              + "; set both in lbc's environment and restart it");
    }
    if (!credentials.accept(h.get(HttpHeaderNames.AUTHORIZATION))) {
      FullHttpResponse r = text(HttpResponseStatus.UNAUTHORIZED, "credentials required");
      r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"lbc\", charset=\"UTF-8\"");
      return r;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    if (method.equals("GET") && path.equals("/")) {
      try (InputStream page = AdminServer.class.getResourceAsStream("status.html")) {
        return response(
            HttpResponseStatus.OK,
            "text/html; charset=utf-8",
            new String(page.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    if (metrics != null && method.equals("GET") && path.equals("/metrics")) {
      try {
        return response(HttpResponseStatus.OK, Metrics.CONTENT_TYPE, metrics.metrics());
      } catch (IOException e) {
        return text(
            HttpResponseStatus.SERVICE_UNAVAILABLE, "metrics unavailable: " + e.getMessage());
      }
    }
    if (method.equals("GET") && path.equals("/api/status")) {
      return json(status());
    }
    if (method.equals("POST") && path.equals("/api/simulate")) {
      return simulate(request.content().toString(StandardCharsets.UTF_8), ch);
    }
    if (method.equals("POST") && path.startsWith("/api/")) {
      return action(path.substring(5).split("/"), ch);
    }
    return text(HttpResponseStatus.NOT_FOUND, "not found");
  }

  private FullHttpResponse action(String[] p, Channel ch) {
    String who = " by the admin API (" + ((InetSocketAddress) ch.remoteAddress()).getHostString();
    if (p.length == 5 && p[0].equals("services") && p[2].equals("servers")) {
      if (!engine.act(p[1], p[3], p[4])) {
        return text(HttpResponseStatus.NOT_FOUND, "no such service, server or action");
      }
      log.accept(p[1] + "/" + p[3] + " set to " + p[4] + who + ")");
      return json(status());
    }
    if (p.length == 7
        && p[0].equals("services")
        && p[2].equals("vdirs")
        && p[4].equals("servers")) {
      if (!engine.act(p[1], p[3], p[5], p[6])) {
        return text(HttpResponseStatus.NOT_FOUND, "no such service, vdir, server or action");
      }
      log.accept(p[1] + " " + p[3] + "/" + p[5] + " set to " + p[6] + who + ")");
      return json(status());
    }
    if (p.length == 3 && p[0].equals("servers")) {
      // Server-wide: every service and every vdir pool that has this server, at once.
      List<String> done = engine.actOnServer(p[1], p[2]);
      if (done.isEmpty()) {
        return text(HttpResponseStatus.NOT_FOUND, "no such server or action");
      }
      log.accept(p[1] + " set to " + p[2] + " in " + String.join(", ", done) + who + ")");
      return json(status());
    }
    if (p.length == 3 && p[0].equals("simulated")) {
      SimulatedExchange sim = simulated.get(p[1].toLowerCase(Locale.ROOT));
      if (sim == null || !(p[2].equals("active") || p[2].equals("inactive"))) {
        return text(HttpResponseStatus.NOT_FOUND, "no such simulated server or state");
      }
      sim.setActive(p[2].equals("active"));
      log.accept(
          "simulated "
              + sim.name()
              + " is now "
              + p[2]
              + " (as Set-ServerComponentState would make it)"
              + who
              + ")");
      return json(status());
    }
    return text(HttpResponseStatus.NOT_FOUND, "not found");
  }

  /**
   * {@code POST /api/simulate {"server": "MBOX2", "vdir": "owa", "state": "inactive"}}: as {@code
   * Set-ServerComponentState MBOX2 -Component OwaProxy -State Inactive} would, one vdir's
   * healthcheck.htm then answers 503; without {@code vdir}, the whole server's.
   */
  private FullHttpResponse simulate(String body, Channel ch) {
    String server;
    String vdirWord;
    String state;
    try {
      var tree = JSON.readTree(body);
      if (tree == null || !tree.isObject()) {
        return text(HttpResponseStatus.BAD_REQUEST, "expected a JSON object {server, vdir, state}");
      }
      server = tree.path("server").asText(null);
      vdirWord = tree.hasNonNull("vdir") ? tree.get("vdir").asText() : null;
      state = tree.path("state").asText(null);
    } catch (JsonProcessingException e) {
      return text(HttpResponseStatus.BAD_REQUEST, "not JSON: expected {server, vdir, state}");
    }
    SimulatedExchange sim = server == null ? null : simulated.get(server.toLowerCase(Locale.ROOT));
    if (sim == null) {
      return text(HttpResponseStatus.NOT_FOUND, "no such simulated server: " + server);
    }
    if (!"active".equals(state) && !"inactive".equals(state)) {
      return text(HttpResponseStatus.BAD_REQUEST, "state is active or inactive");
    }
    Vdir vdir = null;
    if (vdirWord != null) {
      vdir =
          java.util.Arrays.stream(Vdir.values())
              .filter(v -> v.word().equals(vdirWord.toLowerCase(Locale.ROOT)))
              .findFirst()
              .orElse(null);
      if (vdir == null) {
        return text(HttpResponseStatus.BAD_REQUEST, "no such vdir: " + vdirWord);
      }
      sim.setActive(vdir, state.equals("active"));
    } else {
      sim.setActive(state.equals("active"));
    }
    log.accept(
        "simulated "
            + sim.name()
            + (vdir == null ? "" : " " + vdir.word())
            + " is now "
            + state
            + " (as Set-ServerComponentState would make it) by the admin API ("
            + ((InetSocketAddress) ch.remoteAddress()).getHostString()
            + ")");
    return json(status());
  }

  /** The System Overview as data. */
  public Map<String, Object> status() {
    List<Map<String, Object>> services = engine.services();
    List<Object> sims = new ArrayList<>();
    for (SimulatedExchange sim : simulated.values()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", sim.name());
      o.put("active", sim.isActive());
      o.put("inactiveVdirs", sim.inactiveVdirs().stream().map(Vdir::word).toList());
      o.put("requests", sim.requests());
      o.put("healthChecks", sim.healthChecks());
      o.put("messages", sim.messages());
      sims.add(o);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("vips", engine.vips());
    root.put("services", services);
    root.put("simulated", sims);
    return root;
  }

  private static FullHttpResponse text(HttpResponseStatus status, String text) {
    return response(status, "text/plain; charset=utf-8", text + "\n");
  }

  private static FullHttpResponse json(Object value) {
    try {
      return response(HttpResponseStatus.OK, "application/json", JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
    HttpHeaders h = r.headers();
    h.set(HttpHeaderNames.CONTENT_TYPE, type);
    h.setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
    h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    // The actions are same-origin requests: a page that framed this one could have them clicked.
    h.set("X-Frame-Options", "DENY");
    h.set("Content-Security-Policy", "frame-ancestors 'none'");
    return r;
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
    }
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    answers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
