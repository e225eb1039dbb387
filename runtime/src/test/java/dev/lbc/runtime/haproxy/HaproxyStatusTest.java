package dev.lbc.runtime.haproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lbc.compiler.plan.Plan;
import dev.lbc.runtime.admin.ApplianceRole;
import dev.lbc.testsupport.Lbc;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stats socket is read with a deadline and a size bound, like every network read of lbc. */
class HaproxyStatusTest {
  /** A stats socket at {@code path} whose one client is served by {@code peer}. */
  private static Thread socket(Path path, Consumer<SocketChannel> peer) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    Thread t =
        new Thread(
            () -> {
              try (server;
                  SocketChannel ch = server.accept()) {
                peer.accept(ch);
              } catch (IOException e) {
                // the client went away: the test is over
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** A peer that reads the command and writes {@code answer}. */
  private static Consumer<SocketChannel> answering(String answer) {
    return ch -> {
      try {
        ch.read(ByteBuffer.allocate(64));
        ch.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  /** A deployment with one server, MBOX1, and these services (YAML list items). */
  private static Plan plan(String services) {
    return Lbc.plan(
        """
        lbc: 1
        name: t
        exchange: 2016
        appliances:
          primary: { hostname: lb1, address: 127.0.0.5/8 }
        servers: [{ name: MBOX1, address: 127.0.0.41 }]
        services:
        """
            + services);
  }

  @Test
  void aSocketThatNeverAnswersTimesOut(@TempDir Path tmp) throws Exception {
    Path sock = tmp.resolve("stats.sock");
    socket(sock, ch -> sleep(20_000));
    long start = System.nanoTime();
    IOException e =
        assertThrows(IOException.class, () -> new HaproxyStatus(sock, null).command("show stat"));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < HaproxyStatus.COMMAND_DEADLINE.toMillis() + 2000, ms + " ms");
    assertTrue(e.getMessage().contains("within"), e.getMessage());
  }

  @Test
  void aSocketThatFloodsIsCutOff(@TempDir Path tmp) throws Exception {
    Path sock = tmp.resolve("stats.sock");
    socket(
        sock,
        ch -> {
          ByteBuffer junk = ByteBuffer.allocate(1 << 20);
          try {
            while (true) {
              junk.clear();
              ch.write(junk);
            }
          } catch (IOException e) {
            // cut off by the reader
          }
        });
    IOException e =
        assertThrows(IOException.class, () -> new HaproxyStatus(sock, null).command("show stat"));
    assertTrue(e.getMessage().contains("bytes"), e.getMessage());
  }

  @Test
  void anAnswerIsReadToTheEnd(@TempDir Path tmp) throws Exception {
    Path sock = tmp.resolve("stats.sock");
    String answer = "# pxname,svname\n" + "x,y\n".repeat(50_000);
    socket(sock, answering(answer));
    assertEquals(answer, new HaproxyStatus(sock, null).command("show stat"));
  }

  @Test
  void theStatusHasTheEmbeddedEnginesFieldsFromHaproxysCounters(@TempDir Path tmp)
      throws Exception {
    Path sock = tmp.resolve("stats.sock");
    String answer =
        "# pxname,svname,scur,stot,slim,status,weight,chkfail,econ,eresp,cli_abrt,check_status\n"
            + "MBOX-IMAP4,FRONTEND,0,9,,OPEN,,,,,,\n"
            + "MBOX-IMAP4,MBOX1,1,5,2,UP,1,3,4,6,1,L4OK\n"
            + "MBOX-IMAP4,BACKEND,1,9,,UP,1,,7,8,9,\n";
    socket(sock, answering(answer));
    Plan plan =
        plan(
            """
              - { name: MBOX-IMAP4, vip: 127.0.0.40, ports: [993], mode: snat,
                  real-servers: [{ server: MBOX1, max-connections: 2 }] }
            """);
    Map<String, Object> service = new HaproxyStatus(sock, plan).services().get(0);
    assertEquals(9L, service.get("clientErrors"));
    assertEquals(7L, service.get("connectErrors"));
    assertEquals(8L, service.get("serverErrors"));
    @SuppressWarnings("unchecked")
    Map<String, Object> member = ((List<Map<String, Object>>) service.get("servers")).get(0);
    assertEquals(2L, member.get("maxConnections"));
    assertEquals(3L, member.get("checkFailures"));
    assertEquals(4L, member.get("connectErrors"));
    assertEquals(6L, member.get("serverErrors"));
  }

  @Test
  void eachVipShowsItsFrontendsStateAndWhatHaproxyDenied(@TempDir Path tmp) throws Exception {
    Path sock = tmp.resolve("stats.sock");
    String answer =
        "# pxname,svname,scur,stot,status,dcon,dses\n"
            + "MBOX-IMAP4,FRONTEND,0,9,OPEN,2,1\n"
            + "MBOX-IMAP4,MBOX1,1,5,UP,,\n"
            + "MBOX-POP3,FRONTEND,0,0,STOP,0,0\n";
    socket(sock, answering(answer));
    Plan plan =
        plan(
            """
              - { name: MBOX-IMAP4, vip: 127.0.0.40, ports: [993], mode: snat,
                  real-servers: [{ server: MBOX1 }] }
              - { name: MBOX-POP3, vip: 127.0.0.42, ports: [995], mode: snat,
                  real-servers: [{ server: MBOX1 }] }
            """);
    List<Map<String, Object>> vips =
        new HaproxyStatus(
                sock,
                plan,
                vip -> "127.0.1." + vip.text().substring(8),
                new ApplianceRole(tmp.resolve("no-proc"), address -> true))
            .vips();
    assertEquals(2, vips.size(), vips.toString());
    Map<String, Object> imap = vips.get(0);
    assertEquals("127.0.0.40", imap.get("vip"));
    assertEquals("127.0.1.40", imap.get("address"), "where --bind-map bound it");
    assertEquals("listening", imap.get("state"));
    assertEquals("no keepalived", imap.get("role"));
    assertEquals(3L, imap.get("refusedLockdown"), "dcon + dses");
    assertEquals(null, imap.get("refusedNoServer"), "HAProxy does not count it");
    assertEquals(3L, imap.get("refused"));
    assertEquals("failed", vips.get(1).get("state"), "a STOPped frontend listens no more");
  }

  @Test
  void eachVdirBackendIsShownWithItsServersStates(@TempDir Path tmp) throws Exception {
    Path sock = tmp.resolve("stats.sock");
    String answer =
        "# pxname,svname,scur,stot,status,check_status,check_code,check_desc\n"
            + "WEB,MBOX1,0,3,UP,L7OK,200,Layer7 check passed\n"
            + "WEB,MBOX2,0,3,DOWN,L7STS,503,Layer7 wrong status\n"
            + "WEB-owa,MBOX1,1,4,UP,L7OK,200,Layer7 check passed\n"
            + "WEB-owa,MBOX2,0,2,DOWN,L7STS,503,Layer7 wrong status\n"
            + "WEB-ews,MBOX1,0,1,DRAIN,L7OK,200,Layer7 check passed\n"
            + "WEB-ews,MBOX2,0,1,MAINT,L7OK,200,Layer7 check passed\n";
    socket(sock, answering(answer));
    Plan plan =
        Lbc.plan(
            """
            lbc: 1
            name: t
            exchange: se
            appliances:
              primary: { hostname: lb1, address: 127.0.0.5/8 }
            servers: [{ name: MBOX1, address: 127.0.0.41 }, { name: MBOX2, address: 127.0.0.42 }]
            services:
              - { name: WEB, vip: 127.0.0.40, ports: [80], mode: snat, protocol: http,
                  vdirs: [owa, ews], real-servers: [{ server: MBOX1 }, { server: MBOX2 }] }
            """);
    Map<String, Object> service = new HaproxyStatus(sock, plan).services().get(0);
    assertEquals(
        "[{name=owa, backend=WEB-owa, members=["
            + "{server=MBOX1, state=UP, current=1, total=4,"
            + " lastCheck={status=L7OK Layer7 check passed, returned 200, at=null}},"
            + " {server=MBOX2, state=DOWN, current=0, total=2,"
            + " lastCheck={status=L7STS Layer7 wrong status, returned 503, at=null}}]},"
            + " {name=ews, backend=WEB-ews, members=["
            + "{server=MBOX1, state=DRAIN, current=0, total=1,"
            + " lastCheck={status=L7OK Layer7 check passed, returned 200, at=null}},"
            + " {server=MBOX2, state=MAINT, current=0, total=1,"
            + " lastCheck={status=L7OK Layer7 check passed, returned 200, at=null}}]}]",
        String.valueOf(service.get("vdirs")));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
