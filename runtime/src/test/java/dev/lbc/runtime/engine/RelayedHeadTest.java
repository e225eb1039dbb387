package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes a client reads of a server's answer, through the two codecs that carry it in HTTP
 * mode: {@link ServerCodec} reads the server's bytes, and {@link RequestDecoder}, the client side's
 * encoder, writes what it made of them. A head with nothing for lbc to edit is relayed as the
 * server wrote it ({@link ServerCodec.Relayed}); any other is re-encoded from Netty's headers,
 * which normalises the field lines and puts Content-Length last.
 */
class RelayedHeadTest {
  private static final int MAX_HEAD = 8192;

  /** Every field already as Netty's encoder writes it, Content-Length among the others. */
  private static final String PLAIN =
      "HTTP/1.1 200 OK\r\n"
          + "server: nginx/1.24.0\r\n"
          + "Content-Length: 5\r\n"
          + "X-Request-ID: AbC-9\r\n"
          + "cache-control: no-cache\r\n"
          + "\r\n"
          + "hello";

  /** PLAIN as Netty's encoder writes it: the same fields, a single content-length moved last. */
  private static final String PLAIN_RE_ENCODED =
      "HTTP/1.1 200 OK\r\n"
          + "server: nginx/1.24.0\r\n"
          + "X-Request-ID: AbC-9\r\n"
          + "cache-control: no-cache\r\n"
          + "content-length: 5\r\n"
          + "\r\n"
          + "hello";

  private static final String CHUNKED =
      "HTTP/1.1 201 Made Here\r\n"
          + "Transfer-Encoding: chunked\r\n"
          + "ETag: \"x\"\r\n"
          + "\r\n"
          + "5\r\nhello\r\n"
          + "1\r\n!\r\n"
          + "0\r\n\r\n";

  /** What the client read, and for each head whether it was relayed as written. */
  private record Relay(String bytes, List<Boolean> relayed) {}

  /**
   * The client's bytes when the server answers {@code requests} GET requests with {@code reads},
   * each arriving as one read.
   */
  private static Relay relay(int requests, String... reads) {
    EmbeddedChannel client = new EmbeddedChannel();
    // added after the channel is active: nothing inbound reaches it, so it needs no HttpProxy
    RequestDecoder clientCodec = new RequestDecoder(MAX_HEAD, null);
    client.pipeline().addLast(clientCodec);
    List<Boolean> relayed = new ArrayList<>();
    ServerCodec.Receiver toClient =
        new ServerCodec.Receiver() {
          @Override
          public void answer(ChannelHandlerContext server, Object msg) {
            if (msg instanceof ServerCodec.Broken broken) {
              throw new AssertionError("answer refused: " + broken.reason());
            }
            if (msg instanceof HttpResponse) {
              relayed.add(msg instanceof ServerCodec.Relayed);
            }
            client.write(msg);
          }

          @Override
          public void answersRead(ChannelHandlerContext server) {
            client.flush();
          }

          @Override
          public void serverEnded(ChannelHandlerContext server) {
            client.flush();
          }

          @Override
          public void serverFailed(ChannelHandlerContext server, Throwable cause) {
            throw new AssertionError(cause);
          }
        };
    EmbeddedChannel server = new EmbeddedChannel(new ServerCodec(MAX_HEAD, toClient));
    for (int i = 0; i < requests; i++) {
      server.writeOutbound(
          new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/" + i));
    }
    server.releaseOutbound();
    for (String read : reads) {
      server.writeInbound(Unpooled.copiedBuffer(read, StandardCharsets.ISO_8859_1));
    }
    StringBuilder got = new StringBuilder();
    for (ByteBuf b; (b = client.readOutbound()) != null; ) {
      got.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    server.finishAndReleaseAll();
    client.pipeline().remove(clientCodec);
    client.finishAndReleaseAll();
    return new Relay(got.toString(), relayed);
  }

  @Test
  void aHeadWithNothingToEditReachesTheClientAsTheServerWroteIt() {
    Relay plain = relay(1, PLAIN);
    // spelling and case of every name kept, Content-Length in its place, not moved last
    assertEquals(PLAIN, plain.bytes());
    assertEquals(List.of(true), plain.relayed());

    // the body re-chunked as it came, the head as it came
    Relay chunked = relay(1, CHUNKED);
    assertEquals(CHUNKED, chunked.bytes());
    assertEquals(List.of(true), chunked.relayed());
  }

  @Test
  void aHeadLbcEditsIsReEncoded() {
    // one field not as the encoder writes it (two spaces before its value): the head is parsed
    // and written again, every field as "name: value" and Content-Length last
    String spaced = PLAIN.replace("X-Request-ID: AbC-9", "X-Request-ID:  AbC-9");
    Relay got = relay(1, spaced);
    assertEquals(PLAIN_RE_ENCODED, got.bytes());
    assertEquals(List.of(false), got.relayed());

    // "5, 5" is one length: the client is told 5, once
    Relay twice = relay(1, PLAIN.replace("Content-Length: 5", "Content-Length: 5, 5"));
    assertEquals(PLAIN_RE_ENCODED, twice.bytes());
    assertEquals(List.of(false), twice.relayed());

    // a length beside chunked would be a second framing: dropped
    Relay both = relay(1, CHUNKED.replace("ETag", "Content-Length: 6\r\nETag"));
    assertEquals(CHUNKED, both.bytes());
    assertEquals(List.of(false), both.relayed());
  }

  @Test
  void aHeadSplitOverReadsGivesTheSameBytes() {
    // split anywhere in the head; the body comes whole (chunks are relayed as they arrive, so a
    // chunk split over reads reaches the client as two)
    for (String answer : List.of(PLAIN, CHUNKED)) {
      String whole = relay(1, answer).bytes();
      int bodyAt = answer.indexOf("\r\n\r\n") + 4;
      for (int at = 1; at <= bodyAt; at++) {
        Relay split = relay(1, answer.substring(0, at), answer.substring(at));
        assertEquals(whole, split.bytes(), "split at " + at);
        assertEquals(List.of(true), split.relayed(), "split at " + at);
      }
      List<String> bytePerRead = new ArrayList<>(List.of(answer.substring(0, bodyAt).split("")));
      bytePerRead.add(answer.substring(bodyAt));
      Relay trickled = relay(1, bytePerRead.toArray(String[]::new));
      assertEquals(whole, trickled.bytes(), "a byte per read");
      assertEquals(List.of(true), trickled.relayed(), "a byte per read");
    }
  }

  @Test
  void answersInOneReadKeepTheirBoundaries() {
    String edited = PLAIN.replace("X-Request-ID: AbC-9", "X-Request-ID:AbC-9");
    String alone = relay(1, PLAIN).bytes() + relay(1, CHUNKED).bytes() + relay(1, edited).bytes();
    Relay together = relay(3, PLAIN + CHUNKED + edited);
    assertEquals(alone, together.bytes());
    assertEquals(List.of(true, true, false), together.relayed());

    // and after another answer's head was read from the same buffer
    Relay twoPlain = relay(2, PLAIN + PLAIN);
    assertEquals(PLAIN + PLAIN, twoPlain.bytes());
    assertEquals(List.of(true, true), twoPlain.relayed());
  }
}
