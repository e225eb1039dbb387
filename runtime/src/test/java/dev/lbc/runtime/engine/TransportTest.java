package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * On Linux x86-64 (where lbc ships the native libraries) the engine runs on Netty's epoll transport
 * and offloads TLS with OpenSSL: the fast path is taken, not silently lost to NIO and the JDK's TLS
 * because a library failed to load. Elsewhere the fallback keeps the engine working.
 */
class TransportTest {
  @Test
  @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
  void theEngineRunsOnEpollAndOpenSslOnLinux() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (Engine engine = HttpFramingTest.startEngine("127.0.0.72", 26610, "127.0.0.73", log)) {
      assertEquals(
          "epoll openssl",
          engine.transport(),
          "native transport unavailable: " + Transport.unavailabilityCause());
    }
  }
}
