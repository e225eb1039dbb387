package dev.lbc.runtime.engine;

import dev.lbc.runtime.pool.Member;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;

/**
 * Layer 7 HTTP mode: HTTP/1.1 with keep-alive (one server connection per client connection, as
 * HAProxy's http-keep-alive with {@code http-reuse never}: a server connection is never pooled or
 * handed to another client connection, because NTLM and Negotiate authenticate the connection and
 * Exchange would serve the next client as the user who logged on over it; ConnectionBindingTest),
 * X-Forwarded-For appended, the HTTPS redirect, SSL termination with the deployment's certificate
 * and re-encryption to the servers. A request head must arrive within the header timeout
 * (slow-header clients are closed). Requests are read strictly ({@link RequestDecoder}): one lbc
 * cannot frame without doubt gets 400 and reaches no server, and what is forwarded is re-framed by
 * lbc. One {@link PairTimer} holds the pair's deadlines: the request head's, the client's
 * inactivity ({@code timeout client}) and, while a forwarded request's answer is owed, the server's
 * ({@code timeout server}).
 */
final class HttpProxy extends PairTimer implements ServerCodec.Receiver {
  private static final InternalLogger LOGGER = InternalLoggerFactory.getInstance(HttpProxy.class);

  /**
   * What every connection of one HTTP-mode listener shares, held once for all of them rather than
   * copied into each: the listener's port (a member's port may follow it), the request-head
   * timeout, the TLS contexts and where handshakes do their work, the request buffer (the longest
   * request or response head) and the frontend's name in the access log (HAProxy's %ft marks a
   * frontend that deciphered TLS with a '~').
   */
  record Listening(
      ServiceRuntime service,
      int port,
      long headerTimeoutMs,
      SslContext offload,
      Handshakes handshakes,
      SslContext toServers,
      int maxHead,
      String frontend) {
    Listening(
        ServiceRuntime service,
        int port,
        long headerTimeoutMs,
        SslContext offload,
        Handshakes handshakes,
        SslContext toServers,
        int maxHead) {
      this(
          service,
          port,
          headerTimeoutMs,
          offload,
          handshakes,
          toServers,
          maxHead,
          service.plan().name() + (offload != null ? "~" : ""));
    }
  }

  private final Listening listening;
  private final ServiceRuntime service;
  // Thousands of idle connections would each hold these: allocated when first needed, and null
  // again when empty. The members a connect tried, until one took it:
  private Set<Member> tried;
  // What the client sent while the server connection was being made.
  private Queue<Object> pending;
  // Messages of a request for another pool, held until the answer in flight has been relayed.
  private Queue<Object> deferred;
  // The pool the server connection (or the one being made) belongs to.
  private Pool pool;
  // A request was forwarded and its answer has not ended yet.
  private boolean awaitingResponse;
  // Requests forwarded whose final answer has not ended, and whether the client has ended its
  // sending (a half-close: printf ... | nc -N): then the last answer is its connection's end.
  private int inFlight;
  private boolean clientEnded;
  // The client is sending a request: its head has been read and its last content not yet.
  private boolean requestOpen;
  private Channel outbound;
  private boolean connecting;
  // The member this connection is counted on, from the pick until release(); all on the client
  // channel's event loop.
  private Member member;
  // The pair's deadlines and activity, in System.nanoTime(): the request head's deadline (NONE
  // while no head is awaited), when the client side last read or had a write go out, and when the
  // server side last read or was written to.
  private long headerDeadline = NONE;
  private long clientAt = System.nanoTime();
  private long serverAt;
  // the client side's context: answers are relayed to it
  private ChannelHandlerContext client;
  private boolean responding;
  private boolean session;
  // the status of the answer in flight; -1 before its head
  private int status = -1;
  // the request in flight as the access log will write it (nothing when it is off)
  private final RequestLog log;

  HttpProxy(Listening listening) {
    this.listening = listening;
    this.service = listening.service();
    this.log = RequestLog.of(service.accessLog());
  }

  static void configure(SocketChannel ch, Listening listening) {
    ch.config().setAutoRead(false);
    // A client's end of sending is not the end of the requests it sent before it.
    ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    if (listening.offload() != null) {
      // the handshake's work (Handshakes) leaves the event loop to the established connections
      ch.pipeline().addLast(listening.handshakes().newHandler(listening.offload(), ch));
    }
    // HttpProxy is called by the decoder, as the handler after it
    ch.pipeline().addLast(new RequestDecoder(listening.maxHead(), new HttpProxy(listening)));
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    if (!service.allows(remote.getAddress())) {
      ctx.close();
      return;
    }
    session = true;
    service.sessionOpened();
    client = ctx;
    armHeaderDeadline(ctx);
    ctx.read();
  }

  private void armHeaderDeadline(ChannelHandlerContext ctx) {
    log.awaitingHead();
    headerDeadline = after(System.nanoTime(), listening.headerTimeoutMs());
    due(ctx.executor(), nextDeadline());
  }

  private void cancelHeaderDeadline() {
    headerDeadline = NONE;
  }

  /**
   * The next request head is awaited, and its deadline runs, only once the client is between
   * requests: no request of its own still coming in (a body may outlast an early answer) and no
   * answer owed (a pipelined request's head has already come; timeout server times its answer).
   */
  private void awaitNextHead(ChannelHandlerContext ctx) {
    if (!requestOpen && !answersOwed() && headerDeadline == NONE) {
      armHeaderDeadline(ctx);
    }
  }

  private long clientDeadline() {
    return after(clientAt, service.clientTimeoutMs());
  }

  /** The server's inactivity counts while it owes the answer to a request forwarded to it. */
  private long serverDeadline() {
    return inFlight > 0 && outbound != null ? after(serverAt, pool.serverTimeoutMs()) : NONE;
  }

  private long nextDeadline() {
    return Math.min(headerDeadline, Math.min(clientDeadline(), serverDeadline()));
  }

  @Override
  long expire(long now) {
    if (passed(now, headerDeadline) || passed(now, clientDeadline())) {
      client.close();
      return NONE;
    }
    if (passed(now, serverDeadline())) {
      // its end ends the client's too (the close listener set at the connect)
      outbound.close();
      return NONE;
    }
    return nextDeadline();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    clientAt = System.nanoTime();
    if (msg instanceof RequestDecoder.Refusal refusal) {
      deferred = releaseAll(deferred);
      refuse(ctx, refusal);
      return;
    }
    if (msg instanceof HttpRequest) {
      requestOpen = true;
    }
    if (msg instanceof LastHttpContent) {
      requestOpen = false;
    }
    if (deferred != null) {
      deferred.add(msg);
      return;
    }
    if (msg instanceof HttpRequest req && !service.plan().redirectHttps()) {
      Pool target = service.route(req.uri());
      if (target != pool && (outbound != null || connecting)) {
        if (awaitingResponse) {
          // Pipelined: the server connection still answers the request before this one.
          deferred = held(deferred, msg);
          return;
        }
        leavePool();
      }
      pool = target;
      awaitingResponse = true;
    }
    if (msg instanceof HttpRequest req) {
      cancelHeaderDeadline();
      began(req);
      if (service.plan().redirectHttps()) {
        ReferenceCountUtil.release(msg);
        String host = req.headers().get(HttpHeaderNames.HOST, service.plan().vip().text());
        reply(
            ctx,
            HttpResponseStatus.MOVED_PERMANENTLY,
            "",
            httpsLocation(req.uri(), host),
            !HttpUtil.isKeepAlive(req),
            "LR--");
        return;
      }
      if (service.plan().xForwardedFor()) {
        String client =
            ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        // Several X-Forwarded-For lines are one list (RFC 9110 5.3): keep them all, in order.
        List<String> prior = req.headers().getAll("X-Forwarded-For");
        List<String> all = new ArrayList<>(prior);
        all.add(client);
        req.headers().set("X-Forwarded-For", AsciiString.of(String.join(", ", all)));
      }
      inFlight++;
    } else if (service.plan().redirectHttps()) {
      ReferenceCountUtil.release(msg);
      ctx.read();
      return;
    }
    forward(ctx, msg);
    if (msg instanceof LastHttpContent) {
      // an answer that came before the end of its request leaves the head deadline to start here
      awaitNextHead(ctx);
    }
  }

  /**
   * A request lbc cannot frame without doubt: nothing more of it reaches the server (a request
   * already begun there is cut off, never completed), and the client gets the refusal unless an
   * answer is already on its way to it.
   */
  private void refuse(ChannelHandlerContext ctx, RequestDecoder.Refusal refusal) {
    cancelHeaderDeadline();
    pending = releaseAll(pending);
    if (responding) {
      ctx.close();
    } else {
      log.refused();
      status = -1;
      reply(
          ctx,
          refusal.status(),
          refusal.status().reasonPhrase().toLowerCase(Locale.ROOT) + "\n",
          null,
          true,
          "PR--");
    }
    // After the refusal is written: closing the server side closes the client side once flushed.
    if (outbound != null) {
      outbound.close();
    }
  }

  /**
   * Ends the server connection of the pool the previous request went to, between two requests: the
   * next one belongs to another vdir's pool, so it goes to a connection of that pool (as HAProxy
   * does when a keep-alive connection's requests switch backends). The next connection is picked in
   * the new pool, so a member DOWN for that vdir is never sent its requests.
   */
  private void leavePool() {
    Channel old = outbound;
    outbound = null;
    connecting = false;
    release();
    tried = null;
    if (old != null) {
      old.close();
    }
  }

  private void forward(ChannelHandlerContext ctx, Object msg) {
    serverAt = System.nanoTime();
    due(ctx.executor(), nextDeadline());
    if (outbound != null && outbound.isActive()) {
      Member to = member;
      TcpProxy.relay(msg, outbound, ctx.channel(), cause -> service.serverError(to, cause), false);
      return;
    }
    pending = held(pending, msg);
    if (!connecting) {
      connecting = true;
      connect(ctx);
    }
  }

  private void connect(ChannelHandlerContext ctx) {
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    if (tried == null) {
      tried = new HashSet<>(4);
    }
    Backend b =
        tried.size() > TcpProxy.RETRIES
            ? null
            : pool.pick(remote.getAddress().getHostAddress(), tried);
    if (b == null) {
      service.noServer();
      pending = releaseAll(pending);
      log.connecting(null);
      reply(
          ctx,
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "no server is available\n",
          null,
          true,
          "SC--");
      return;
    }
    tried.add(b.member());
    member = b.member();
    log.connecting(b.member().name());
    Channel inbound = ctx.channel();
    ChannelFuture attempt =
        new Bootstrap()
            .group(inbound.eventLoop())
            .channel(Transport.socketChannel(inbound.eventLoop()))
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.RCVBUF_ALLOCATOR, Transport.RECEIVE)
            // the pair's timer times the connect (PairTimer.timeConnect)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (listening.toServers() != null) {
                      ch.pipeline()
                          .addLast(
                              listening
                                  .toServers()
                                  .newHandler(ch.alloc(), b.host(), b.portFor(listening.port())));
                    }
                    ch.pipeline().addLast(new ServerCodec(listening.maxHead(), HttpProxy.this));
                  }
                })
            .connect(b.address(listening.port()));
    timeConnect(
        attempt,
        (f, cause) -> {
          if (cause != null) {
            service.connectError(b, cause);
            if (member == b.member()) {
              release();
              if (inbound.isActive()) {
                connect(ctx);
              }
            }
          } else if (!inbound.isActive()) {
            // The client left while we connected; its end released the member.
            f.channel().close();
          } else {
            Channel server = f.channel();
            outbound = server;
            log.connected(tried.size() - 1);
            connecting = false;
            serverAt = System.nanoTime();
            due(inbound.eventLoop(), nextDeadline());
            tried = null;
            Queue<Object> held = pending;
            pending = null;
            if (held != null) {
              held.forEach(outbound::write);
            }
            outbound.flush();
            outbound.read();
            inbound.read();
          }
        });
  }

  private void reply(
      ChannelHandlerContext ctx,
      HttpResponseStatus status,
      String body,
      String location,
      boolean close,
      String termination) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, CharsetUtil.UTF_8));
    HttpUtil.setContentLength(res, res.content().readableBytes());
    service.responded(status.code());
    this.status = status.code();
    // no server was reached for a request refused or with none available
    log.replied(
        res.content().readableBytes(), !termination.equals("SC--") && !termination.equals("PR--"));
    logRequest(ctx, termination);
    if (location != null) {
      res.headers().set(HttpHeaderNames.LOCATION, location);
    }
    HttpUtil.setKeepAlive(res, !close && !clientEnded);
    // through the channel: ctx is the decoder's, whose encoder frames the answer
    var f = ctx.channel().writeAndFlush(res);
    if (close || clientEnded) {
      f.addListener(ChannelFutureListener.CLOSE);
    } else {
      f.addListener(
          (ChannelFutureListener)
              done -> {
                armHeaderDeadline(ctx);
                ctx.read();
              });
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      clientEnded = true;
      if (closedInHandshake(ctx)) {
        // the client's Finished is still to come: its handshake can never end
        return;
      }
      if (!answersOwed()) {
        TcpProxy.closeOnFlush(ctx.channel());
      }
    }
  }

  /**
   * Closes the client's connection at once if its TLS handshake is not done, and says so. The TLS
   * handler's own close would first send a close_notify, whose flush waits while a handshake step
   * is under way (Netty's 3 s close_notify timeout, or the 10 s handshake timeout after a FIN), and
   * a handshake never finished has no session for it to end. A client that gives up in a reconnect
   * storm leaves this way; closed at once, its engine is freed and its step waiting in {@link
   * Handshakes} does no work (ADR 0028).
   */
  private static boolean closedInHandshake(ChannelHandlerContext ctx) {
    ChannelHandlerContext tls = ctx.pipeline().context(SslHandler.class);
    if (tls == null || ((SslHandler) tls.handler()).handshakeFuture().isDone()) {
      return false;
    }
    tls.close(); // from the TLS handler's place: the close passes it by
    return true;
  }

  /** A request forwarded, or held for another pool, still has its answer to come. */
  private boolean answersOwed() {
    return inFlight > 0 || deferred != null;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    String line = log.take();
    if (line != null) {
      // HAProxy's termination state: who ended it (C client, S server) and when (H waiting for
      // the response head, D during its data)
      boolean serverFirst = outbound != null && !outbound.isActive();
      logRequest(ctx, line, (serverFirst ? "S" : "C") + (status < 0 ? "H" : "D") + "--");
    }
    if (session) {
      session = false;
      service.sessionClosed();
    }
    stopTimer();
    pending = releaseAll(pending);
    deferred = releaseAll(deferred);
    if (outbound != null) {
      TcpProxy.closeOnFlush(outbound);
    }
    release();
  }

  /** A request head arrived: what its log line will say starts now. */
  private void began(HttpRequest req) {
    status = -1;
    // a kept-alive server connection is reused: no connect for this request, as HAProxy logs it
    log.began(req, outbound != null && outbound.isActive());
  }

  /** Logs the request in flight, once; nothing if the access log is off. */
  private void logRequest(ChannelHandlerContext ctx, String termination) {
    String line = log.take();
    if (line != null) {
      logRequest(ctx, line, termination);
    }
  }

  /** Logs the request whose line ({@code line}) was just taken. */
  private void logRequest(ChannelHandlerContext ctx, String line, String termination) {
    // the pool the request went to: the vdir's backend, or the service's own
    Pool routed = pool;
    int backendConnections = 0;
    for (Backend b : routed != null ? routed.backends() : service.backends()) {
      backendConnections += b.member().currentConnections();
    }
    Member m = member;
    service
        .accessLog()
        .offer(
            log.line(
                new AccessLine.Session(
                    (InetSocketAddress) ctx.channel().remoteAddress(),
                    listening.frontend(),
                    routed != null ? routed.name() : service.plan().name(),
                    null,
                    service.currentSessions(),
                    backendConnections,
                    m == null ? 0 : m.currentConnections(),
                    0),
                tried == null ? -1 : tried.size() - 1,
                status,
                termination,
                line));
  }

  /** The held request for another pool, now that the answer before it has been relayed. */
  private void replayDeferred(ChannelHandlerContext ctx) {
    if (deferred == null) {
      return;
    }
    Queue<Object> replay = deferred;
    deferred = null;
    while (!replay.isEmpty()) {
      channelRead(ctx, replay.poll());
    }
    flushOutbound();
  }

  /** What this read forwarded leaves for the server now, in one write. */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    flushOutbound();
  }

  private void flushOutbound() {
    if (outbound != null) {
      outbound.flush();
    }
  }

  /** {@code queue} with {@code msg} added; a new queue when there was none. */
  private static Queue<Object> held(Queue<Object> queue, Object msg) {
    Queue<Object> q = queue == null ? new ArrayDeque<>(2) : queue;
    q.add(msg);
    return q;
  }

  /** Releases what {@code queue} holds; null, the queue's state when empty. */
  private static Queue<Object> releaseAll(Queue<Object> queue) {
    if (queue != null) {
      queue.forEach(ReferenceCountUtil::release);
    }
    return null;
  }

  private void release() {
    if (member != null) {
      member.connectionClosed();
      member = null;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Counted and logged either way; a failure that is not the network's is a bug in lbc, and its
    // stack trace must be seen too (once per summary window, as its line).
    boolean first = service.clientError(cause, TcpProxy.clientAddress(ctx.channel()));
    if (first && !ServiceRuntime.ordinary(cause)) {
      LOGGER.warn("HTTP mode: unexpected failure on a client connection", cause);
    }
    if (!closedInHandshake(ctx)) {
      ctx.close();
    }
  }

  /**
   * The member a server connection's failure is counted on: the pair's, while the connection is the
   * one in use; one lbc has already left (another pool's, a broken one) is not counted.
   */
  private Member serverOf(ChannelHandlerContext server) {
    return server.channel() == outbound ? member : null;
  }

  /** A server's answer relayed to the client; once answered, the next request head is awaited. */
  @Override
  public void answer(ChannelHandlerContext ctx, Object msg) {
    serverAt = System.nanoTime();
    if (msg instanceof ServerCodec.Broken broken) {
      badResponse(ctx, broken);
      return;
    }
    if (msg instanceof HttpResponse r) {
      status = r.status().code();
      log.responded();
      service.responded(status);
    }
    if (msg instanceof HttpContent c) {
      log.relayed(c.content().readableBytes());
    }
    // An interim response (100 Continue) is not the request's answer: the request (its body
    // may still be on its way) keeps its server connection and has no header deadline, and a
    // request held for another pool waits for the final answer.
    boolean answered = msg instanceof LastHttpContent && status >= 200;
    responding = !answered;
    if (answered) {
      awaitingResponse = false;
      inFlight--;
    }
    ChannelHandlerContext client = this.client;
    // Flushed at the end of the server's read: a head and its body in one write to the client.
    client
        .channel()
        .write((HttpObject) msg)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    if (!(f.cause() instanceof ClosedChannelException)) {
                      service.clientError(f.cause(), TcpProxy.clientAddress(client.channel()));
                    }
                    ctx.close();
                    return;
                  }
                  clientAt = System.nanoTime();
                  if (answered) {
                    logRequest(client, "----");
                    replayDeferred(client);
                    awaitNextHead(client);
                    if (clientEnded && !answersOwed()) {
                      TcpProxy.closeOnFlush(client.channel());
                    }
                  }
                  if (msg instanceof LastHttpContent) {
                    client.channel().read();
                  }
                  ctx.channel().read();
                });
  }

  /**
   * A response lbc cannot frame: the client gets 502 if nothing of the answer has reached it, else
   * its connection ends there (HAProxy's PH: the proxy stopped an invalid response).
   */
  private void badResponse(ChannelHandlerContext ctx, ServerCodec.Broken broken) {
    Member m = serverOf(ctx);
    if (m != null) {
      service.serverError(m, new java.io.IOException("invalid response: " + broken.reason()));
    }
    Channel from = ctx.channel();
    outbound = outbound == from ? null : outbound;
    if (status < 0 && !responding) {
      pending = releaseAll(pending);
      deferred = releaseAll(deferred);
      reply(client, HttpResponseStatus.BAD_GATEWAY, "bad gateway\n", null, true, "PH--");
    } else {
      client.close();
    }
    from.close();
  }

  @Override
  public void answersRead(ChannelHandlerContext ctx) {
    client.flush();
  }

  @Override
  public void serverEnded(ChannelHandlerContext ctx) {
    // what the decoder passed on at the server's end of input, outside any read
    client.flush();
    if (outbound == ctx.channel()) {
      TcpProxy.closeOnFlush(client.channel());
    }
  }

  @Override
  public void serverFailed(ChannelHandlerContext ctx, Throwable cause) {
    Member m = serverOf(ctx);
    if (m != null) {
      service.serverError(m, cause);
    }
    ctx.close();
  }

  /**
   * The HTTPS redirect's Location: the same host without its port, and the same path and query. An
   * absolute-form target's own authority wins over Host (RFC 9112 3.2.2); "*" and an authority-form
   * target have no path to keep, so "/". {@code host} is the Host field, or the VIP when there is
   * none (HTTP/1.0), which may be a bare IPv6 address.
   */
  static String httpsLocation(String target, String host) {
    String path = target;
    if (!target.startsWith("/")) {
      path = "/";
      int scheme = target.indexOf("://");
      if (scheme >= 0) {
        int slash = target.indexOf('/', scheme + 3);
        String authority = target.substring(scheme + 3, slash < 0 ? target.length() : slash);
        host = authority.substring(authority.lastIndexOf('@') + 1);
        path = slash < 0 ? "/" : target.substring(slash);
      }
    }
    return "https://" + withoutPort(host) + path;
  }

  private static String withoutPort(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host : host.substring(0, close + 1);
    }
    int colon = host.indexOf(':');
    if (colon < 0) {
      return host;
    }
    return host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : "[" + host + "]";
  }
}
