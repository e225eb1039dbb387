package dev.lbc.runtime.haproxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code lbc run --engine haproxy --access-log}: HAProxy's log lines, sent raw over UDP to a port
 * on the loopback address that lbc reads, and handed to the access log. HAProxy writes its own
 * events (a server going DOWN) to the same target; only the lines of its httplog and tcplog formats
 * (they start with the client's address and port and the date in brackets) are access lines.
 * Datagrams are what syslog over UDP is: a line lost under load is lost, never waited for.
 */
public final class HaproxyLogReceiver implements AutoCloseable {
  private static final Pattern ACCESS_LINE = Pattern.compile("^[0-9A-Fa-f.:]+:\\d+ \\[.*");

  private final DatagramChannel channel;
  private final Thread reader;

  private HaproxyLogReceiver(DatagramChannel channel, Consumer<String> lines) {
    this.channel = channel;
    this.reader = new Thread(() -> read(lines), "lbc-haproxy-log");
    reader.setDaemon(true);
    reader.start();
  }

  /** Listens on 127.0.0.1 at a free port; each access line goes to {@code lines}. */
  public static HaproxyLogReceiver start(Consumer<String> lines) throws IOException {
    DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
    ch.bind(new InetSocketAddress("127.0.0.1", 0));
    return new HaproxyLogReceiver(ch, lines);
  }

  /** The global {@code log} line that sends HAProxy's logs here, unframed. */
  public String target() throws IOException {
    int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    return "log 127.0.0.1:" + port + " len 8192 format raw local0";
  }

  private void read(Consumer<String> lines) {
    ByteBuffer buf = ByteBuffer.allocate(9000);
    while (true) {
      try {
        buf.clear();
        channel.receive(buf);
        buf.flip();
        String line = StandardCharsets.UTF_8.decode(buf).toString().stripTrailing();
        if (ACCESS_LINE.matcher(line).matches()) {
          lines.accept(line);
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // a datagram that could not be read is a line lost, as syslog over UDP loses them
      }
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing a datagram socket has nothing to report
    }
  }
}
