package dev.lbc.runtime.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that records every byte it receives, connection by connection, and reads it as a strict
 * server would ({@link StrictHttp}): each whole request is answered with 200 and a body naming the
 * request's target and its X-Forwarded-For lines; bytes no strict server accepts are answered 400
 * and kept as a violation.
 */
final class RecordingBackend implements AutoCloseable {
  /** One connection from lbc: what arrived, and whether lbc has closed it. */
  static final class Connection {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean closed;

    synchronized byte[] bytes() {
      return bytes.toByteArray();
    }

    boolean closed() {
      return closed;
    }

    StrictHttp.Reading reading() {
      return StrictHttp.read(bytes());
    }
  }

  private final ServerSocket socket;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();

  RecordingBackend(String address, int port) throws IOException {
    socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(address, port));
    Thread t = new Thread(this::accept, "recording-backend");
    t.setDaemon(true);
    t.start();
  }

  List<Connection> connections() {
    return connections;
  }

  /** Forgets what was recorded (between cases). */
  void clear() {
    connections.clear();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket c = socket.accept();
        Connection conn = new Connection();
        connections.add(conn);
        Thread t = new Thread(() -> serve(c, conn), "recording-backend-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void serve(Socket c, Connection conn) {
    try (c) {
      InputStream in = c.getInputStream();
      OutputStream out = c.getOutputStream();
      byte[] buf = new byte[8192];
      int answered = 0;
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        synchronized (conn) {
          conn.bytes.write(buf, 0, n);
        }
        StrictHttp.Reading r = conn.reading();
        if (r.error() != null) {
          out.write(answer(400, "violation: " + r.error()));
          return;
        }
        for (; answered < r.requests().size(); answered++) {
          StrictHttp.Request req = r.requests().get(answered);
          out.write(
              answer(
                  200,
                  "target: "
                      + req.target()
                      + "\nx-forwarded-for: "
                      + String.join(" | ", req.all("X-Forwarded-For"))
                      + "\nbody: "
                      + new String(req.body(), StandardCharsets.ISO_8859_1)
                      + "\n"));
        }
        out.flush();
      }
    } catch (IOException e) {
      // lbc closed the connection
    } finally {
      conn.closed = true;
    }
  }

  private static byte[] answer(int status, String body) {
    byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
    return ("HTTP/1.1 "
            + status
            + (status == 200 ? " OK" : " Bad Request")
            + "\r\nX-Backend: recorder\r\nContent-Length: "
            + b.length
            + "\r\n\r\n"
            + body)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
