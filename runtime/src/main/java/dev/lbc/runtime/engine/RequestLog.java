package dev.lbc.runtime.engine;

import io.netty.handler.codec.http.HttpRequest;

/**
 * What the access log says of the request in flight on one HTTP-mode client connection: when its
 * head was awaited and came, the server and the connect, the answer, the bytes relayed. Thousands
 * of idle connections would each hold these times (about 70 bytes), so a connection holds them only
 * while the access log is on: {@link #OFF}, one for all, records nothing and has nothing to log.
 * All on the client channel's event loop.
 */
interface RequestLog {
  RequestLog OFF = new RequestLog() {};

  /** A connection's record: its own while the access log is on, else {@link #OFF}. */
  static RequestLog of(AccessLog log) {
    return log.on() ? new Kept() : OFF;
  }

  /** The next request head is awaited from now. */
  default void awaitingHead() {}

  /**
   * A request head came; {@code reused}: its server connection is already open (no connect, which
   * HAProxy logs as 0 ms).
   */
  default void began(HttpRequest req, boolean reused) {}

  /** A request lbc could not read (HAProxy logs it as {@code <BADREQ>}). */
  default void refused() {}

  /** The server picked and the connect to it begun; null: none was available. */
  default void connecting(String server) {}

  /** The connect succeeded after {@code retries} failed ones. */
  default void connected(int retries) {}

  /** The server's answer head came. */
  default void responded() {}

  /** {@code n} bytes of the answer's body relayed. */
  default void relayed(long n) {}

  /** lbc answered itself with {@code bytes} of body; {@code connected}: a server was reached. */
  default void replied(long bytes, boolean connected) {}

  /**
   * The request in flight's line, taken (a second call gives null): null if there is none or the
   * log is off.
   */
  default String take() {
    return null;
  }

  /**
   * The access-log line of the request whose line was just taken. {@code session}'s server and
   * retries are filled in here; {@code tried}: the connects tried so far while one is under way,
   * else -1.
   */
  default String line(
      AccessLine.Session session, int tried, int status, String termination, String line) {
    throw new IllegalStateException("no request is logged");
  }

  /** The record of a connection while the access log is on. */
  final class Kept implements RequestLog {
    private long readyAt = System.currentTimeMillis();
    private long headAt;
    private long connectStartAt;
    private long connectMs = -1;
    private long responseAt = -1;
    private long bytes;
    private int retries;
    private String server;
    private String requestLine;

    @Override
    public void awaitingHead() {
      readyAt = System.currentTimeMillis();
    }

    @Override
    public void began(HttpRequest req, boolean reused) {
      headAt = System.currentTimeMillis();
      requestLine = req.method() + " " + req.uri() + " " + req.protocolVersion();
      bytes = 0;
      responseAt = -1;
      connectMs = reused ? 0 : -1;
    }

    @Override
    public void refused() {
      requestLine = "<BADREQ>";
      server = null;
      headAt = System.currentTimeMillis();
      bytes = 0;
    }

    @Override
    public void connecting(String server) {
      this.server = server;
      connectStartAt = System.currentTimeMillis();
    }

    @Override
    public void connected(int retries) {
      this.retries = retries;
      connectMs = System.currentTimeMillis() - connectStartAt;
    }

    @Override
    public void responded() {
      responseAt = System.currentTimeMillis();
    }

    @Override
    public void relayed(long n) {
      bytes += n;
    }

    @Override
    public void replied(long bytes, boolean connected) {
      this.bytes = bytes;
      responseAt = -1;
      if (!connected) {
        connectMs = -1;
      }
    }

    @Override
    public String take() {
      String line = requestLine;
      requestLine = null;
      return line;
    }

    @Override
    public String line(
        AccessLine.Session s, int tried, int status, String termination, String line) {
      long now = System.currentTimeMillis();
      long headMs = Math.max(0, headAt - readyAt);
      return AccessLine.http(
          new AccessLine.Session(
              s.client(),
              s.frontend(),
              s.backend(),
              server,
              s.frontendConnections(),
              s.backendConnections(),
              s.serverConnections(),
              tried < 0 ? retries : Math.max(0, tried)),
          headAt - headMs,
          headMs,
          connectMs,
          responseAt < 0 ? -1 : Math.max(0, responseAt - headAt - Math.max(0, connectMs)),
          headMs + (now - headAt),
          status,
          bytes,
          termination,
          line);
    }
  }
}
