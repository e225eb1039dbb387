package dev.lbc.runtime.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectEncoder;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.PromiseCombiner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of HTTP mode: reads requests with {@link RequestHead}'s strict rules and hands
 * Netty's {@code HttpRequest}, {@code HttpContent} and {@code LastHttpContent} to {@link
 * HttpProxy}, which Netty's encoder re-frames towards the server. Whatever lbc cannot read without
 * doubt becomes one {@link Refusal}, after which nothing more is read.
 *
 * <p>Netty's own decoder is not used: it forgives what servers may read another way (it joins
 * folded lines, drops a Content-Length next to chunked, treats "chunked, gzip" as chunked), and by
 * the time its objects arrive the original bytes are gone.
 *
 * <p>Nothing of a read is passed on until the whole read is understood, and a chunked request's
 * head waits for its first chunk-size line (unless the client waits for "100 Continue"): a bad
 * chunk sent with its head never lets the head reach a server. A bad chunk in a later read ends the
 * server connection mid-body, which a server cannot take for a request.
 */
final class RequestDecoder extends HttpResponseEncoder implements InboundPassThrough {
  /** A request lbc refuses: the status to answer (400 or 505) and why. */
  record Refusal(HttpResponseStatus status, String reason) {}

  private static final int MAX_CHUNK_LINE = 4096;

  private enum State {
    HEAD,
    BODY,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS,
    REFUSED
  }

  // one for all (this::encode would be an object per write)
  private static final Encoding ENCODE =
      (encoder, ctx, msg, out) -> ((RequestDecoder) encoder).encode(ctx, msg, out);

  private final int maxHead;
  // the next handler, called directly rather than through the pipeline, so that an idle client
  // connection holds no pipeline context of its own for it (56 bytes)
  private final HttpProxy next;
  // the answers owed to requests passed on, and which are to a HEAD (AnswersOwed)
  private Object owed;
  private ByteBuf buffered;
  private State state = State.HEAD;
  private long remaining;
  private int trailerBytes;
  private HttpRequest held;
  private boolean passedOn;
  private int headScanned;
  private int headLine;

  /** {@code maxHead}: the longest request head (the request buffer), longer is refused. */
  RequestDecoder(int maxHead, HttpProxy next) {
    this.maxHead = maxHead;
    this.next = next;
  }

  /**
   * The encoder of lbc's answers (this handler encodes them too: one handler and one pipeline
   * context per idle connection, not two) must know which answers are to HEAD requests.
   */
  @Override
  protected boolean isContentAlwaysEmpty(HttpResponse msg) {
    // 1xx answers (but 101) come before the final answer to the same request.
    boolean interim =
        msg.status().codeClass() == HttpStatusClass.INFORMATIONAL && msg.status().code() != 101;
    return !interim && answeredHead() || super.isContentAlwaysEmpty(msg);
  }

  /** A response head relayed as the server wrote it is written as it came. */
  @Override
  protected void encodeInitialLine(ByteBuf buf, HttpResponse response) throws Exception {
    if (response instanceof ServerCodec.Relayed relayed) {
      relayed.writeTo(buf);
    } else {
      super.encodeInitialLine(buf, response);
    }
  }

  /** A relayed head's fields were written with its status line; its headers only frame the body. */
  @Override
  protected void encodeHeaders(HttpHeaders headers, ByteBuf buf) {
    if (headers != ServerCodec.Relayed.CHUNKED) {
      super.encodeHeaders(headers, buf);
    }
  }

  /** The final answer now written is to the oldest request owed one (if any): is it a HEAD? */
  private boolean answeredHead() {
    // none is owed for lbc's own answer to a request it refused, which was never passed on
    boolean head = AnswersOwed.firstIsHead(owed);
    owed = AnswersOwed.removeFirst(owed);
    return head;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    encodeAndWrite(this, ENCODE, ctx, msg, promise);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (state == State.REFUSED) {
      in.release();
      return;
    }
    buffered = cumulate(ctx, buffered, in);
    List<Object> out = new ArrayList<>();
    try {
      decode(buffered, out);
    } catch (RequestHead.Malformed m) {
      out.forEach(ReferenceCountUtil::release);
      out.clear();
      if (held != null) {
        ReferenceCountUtil.release(held);
        held = null;
      }
      state = State.REFUSED;
      out.add(new Refusal(HttpResponseStatus.valueOf(m.status()), m.getMessage()));
    }
    if (state == State.REFUSED || !buffered.isReadable()) {
      buffered.release();
      buffered = null;
    } else if (buffered.refCnt() == 1) {
      // Not while slices of it are on their way to the server: discarding moves their bytes.
      buffered.discardSomeReadBytes();
    }
    for (Object o : out) {
      if (o instanceof HttpRequest r) {
        owed = AnswersOwed.add(owed, HttpMethod.HEAD.equals(r.method()));
      }
      passedOn = true;
      try {
        next.channelRead(ctx, o);
      } catch (RuntimeException e) {
        // as the pipeline does for a handler's failure
        next.exceptionCaught(ctx, e);
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // Reads are asked for by HttpProxy as it forwards; a read that gave it nothing asks here.
    if (!passedOn && state != State.REFUSED && !ctx.channel().config().isAutoRead()) {
      ctx.read();
    }
    passedOn = false;
    next.channelReadComplete(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (buffered != null) {
      buffered.release();
      buffered = null;
    }
    if (held != null) {
      ReferenceCountUtil.release(held);
      held = null;
    }
    next.channelInactive(ctx);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    next.channelActive(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    next.userEventTriggered(ctx, evt);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    next.exceptionCaught(ctx, cause);
  }

  private void decode(ByteBuf in, List<Object> out) throws RequestHead.Malformed {
    while (true) {
      switch (state) {
        case HEAD -> {
          if (!head(in, out)) {
            return;
          }
        }
        case BODY, CHUNK_DATA -> {
          HttpContent part = bodyPart(in, remaining, state == State.BODY);
          if (part == null) {
            return;
          }
          out.add(part);
          remaining -= part.content().readableBytes();
          if (remaining == 0) {
            state = state == State.BODY ? State.HEAD : State.CHUNK_END;
          }
        }
        case CHUNK_END -> {
          if (!chunkDataEnded(in)) {
            return;
          }
          state = State.CHUNK_SIZE;
        }
        case CHUNK_SIZE -> {
          String line = line(in, MAX_CHUNK_LINE, "chunk-size line");
          if (line == null) {
            return;
          }
          long size = chunkSize(line);
          if (held != null) {
            out.add(held);
            held = null;
          }
          if (size == 0) {
            state = State.TRAILERS;
            trailerBytes = 0;
          } else {
            remaining = size;
            state = State.CHUNK_DATA;
          }
        }
        case TRAILERS -> {
          int before = in.readerIndex();
          String line = line(in, maxHead - trailerBytes, "trailer section");
          if (line == null) {
            return;
          }
          trailerBytes += in.readerIndex() - before;
          if (line.isEmpty()) {
            // Trailer fields are checked and dropped (RFC 9112 7.1.2 lets a recipient discard
            // them).
            out.add(LastHttpContent.EMPTY_LAST_CONTENT);
            state = State.HEAD;
          } else {
            byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
            RequestHead.field(b, 0, b.length);
          }
        }
        case REFUSED -> {
          return;
        }
      }
    }
  }

  /** Reads one head if it is all there; false if more bytes are needed. */
  private boolean head(ByteBuf in, List<Object> out) throws RequestHead.Malformed {
    // RFC 9112 2.2: empty lines before a request line are ignored.
    while (headScanned == 0
        && in.readableBytes() >= 2
        && in.getByte(in.readerIndex()) == '\r'
        && in.getByte(in.readerIndex() + 1) == '\n') {
      in.skipBytes(2);
    }
    int start = in.readerIndex();
    int end = endOfHead(in);
    if (end < 0) {
      if (in.readableBytes() > maxHead) {
        throw new RequestHead.Malformed("request head over " + maxHead + " bytes");
      }
      return false;
    }
    if (end - start == 2) {
      // An empty line split from the next by a packet boundary: ignored like the others.
      in.readerIndex(end);
      return true;
    }
    if (end - start > maxHead) {
      throw new RequestHead.Malformed("request head over " + maxHead + " bytes");
    }
    byte[] bytes = ByteBufUtil.getBytes(in, start, end - start, false);
    RequestHead head = RequestHead.parse(bytes, 0, bytes.length);
    in.readerIndex(end);
    HttpRequest req = request(head);
    if (head.length() == RequestHead.CHUNKED) {
      state = State.CHUNK_SIZE;
      if (head.expectsContinue()) {
        out.add(req);
      } else {
        held = req;
      }
    } else if (head.length() > 0) {
      out.add(req);
      remaining = head.length();
      state = State.BODY;
    } else {
      out.add(req);
      out.add(LastHttpContent.EMPTY_LAST_CONTENT);
    }
    return true;
  }

  /**
   * The index just past the empty line that ends the head, or -1 if it has not come yet. What was
   * scanned is remembered (as offsets from the reader index, which stays put while a head is
   * incomplete), so a head trickled a byte at a time costs linear time, not quadratic.
   */
  private int endOfHead(ByteBuf in) throws RequestHead.Malformed {
    int base = in.readerIndex();
    for (int i = base + headScanned; i < in.writerIndex(); i++) {
      if (in.getByte(i) == '\n') {
        if (i == base + headLine || in.getByte(i - 1) != '\r') {
          throw new RequestHead.Malformed("bare LF");
        }
        if (i - 1 == base + headLine) {
          headScanned = 0;
          headLine = 0;
          return i + 1;
        }
        headLine = i + 1 - base;
      }
    }
    headScanned = in.writerIndex() - base;
    return -1;
  }

  /** {@code in} appended to what a decoder holds from earlier reads ({@code held}, may be null). */
  static ByteBuf cumulate(ChannelHandlerContext ctx, ByteBuf held, ByteBuf in) {
    return held == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), held, in);
  }

  /** The encoding step of Netty's HTTP encoder: what one outgoing message becomes. */
  interface Encoding {
    void encode(
        HttpObjectEncoder<?> encoder, ChannelHandlerContext ctx, Object msg, List<Object> out)
        throws Exception;
  }

  /**
   * Writes what {@code encoding} makes of {@code msg}, as Netty's {@code HttpObjectEncoder.write}
   * does, but through a list of the event loop's (not the encoder's own list, which, once used,
   * keeps a ten-slot array on every idle connection: 56 bytes, twice per connection pair).
   */
  static void encodeAndWrite(
      HttpObjectEncoder<?> encoder,
      Encoding encoding,
      ChannelHandlerContext ctx,
      Object msg,
      ChannelPromise promise)
      throws Exception {
    if (!encoder.acceptOutboundMessage(msg)) {
      ctx.write(msg, promise);
      return;
    }
    // One list per event loop, lent for this write: a list per write was a tenth of HTTP mode's
    // garbage. A write made while the list is lent (from a listener of a write it made) gets its
    // own.
    List<Object> out = ENCODED.get();
    ENCODED.set(null);
    if (out == null) {
      out = new ArrayList<>(3);
    }
    try {
      encoding.encode(encoder, ctx, msg, out);
      if (out.isEmpty()) {
        throw new EncoderException(encoder.getClass().getSimpleName() + " encoded nothing");
      }
    } catch (EncoderException e) {
      throw e;
    } catch (Throwable t) {
      throw new EncoderException(t);
    } finally {
      try {
        if (out.size() == 1) {
          ctx.write(out.get(0), promise);
        } else if (out.size() > 1 && promise == ctx.voidPromise()) {
          for (Object o : out) {
            ctx.write(o, promise);
          }
        } else if (out.size() > 1) {
          PromiseCombiner combiner = new PromiseCombiner(ctx.executor());
          for (Object o : out) {
            combiner.add(ctx.write(o));
          }
          combiner.finish(promise);
        }
      } finally {
        out.clear();
        ENCODED.set(out);
      }
    }
  }

  private static final FastThreadLocal<List<Object>> ENCODED =
      new FastThreadLocal<>() {
        @Override
        protected List<Object> initialValue() {
          return new ArrayList<>(3);
        }
      };

  /**
   * Up to {@code remaining} bytes of a body from {@code in}, or null if none have come; the part
   * that completes a body with a length ({@code lengthBody}) is its last content.
   */
  static HttpContent bodyPart(ByteBuf in, long remaining, boolean lengthBody) {
    int n = (int) Math.min(remaining, in.readableBytes());
    if (n == 0) {
      return null;
    }
    ByteBuf data = in.readRetainedSlice(n);
    // A body with a length has no trailers: the shared empty headers, not an empty map of 16
    // buckets per request.
    return lengthBody && n == remaining
        ? new DefaultLastHttpContent(data, EmptyHttpHeaders.INSTANCE)
        : new DefaultHttpContent(data);
  }

  /** The CRLF after a chunk's data: false if it has not come yet. */
  static boolean chunkDataEnded(ByteBuf in) throws RequestHead.Malformed {
    if (in.readableBytes() < 2) {
      return false;
    }
    if (in.readByte() != '\r' || in.readByte() != '\n') {
      throw new RequestHead.Malformed("chunk data not followed by CRLF");
    }
    return true;
  }

  /** One CRLF-ended line, or null if it has not all come; at most {@code max} bytes. */
  static String line(ByteBuf in, int max, String what) throws RequestHead.Malformed {
    int from = in.readerIndex();
    int lf = in.indexOf(from, Math.min(in.writerIndex(), from + Math.max(max, 0) + 1), (byte) '\n');
    if (lf < 0) {
      if (in.readableBytes() > max) {
        throw new RequestHead.Malformed(what + " over " + max + " bytes");
      }
      return null;
    }
    if (lf == from || in.getByte(lf - 1) != '\r') {
      throw new RequestHead.Malformed("bare LF in a " + what);
    }
    String line = in.toString(from, lf - 1 - from, StandardCharsets.ISO_8859_1);
    if (line.indexOf('\r') >= 0) {
      throw new RequestHead.Malformed("bare CR in a " + what);
    }
    in.readerIndex(lf + 1);
    return line;
  }

  /** RFC 9112 7.1: chunk-size [ chunk-ext ], hexadecimal, no sign, no prefix, no overflow. */
  static long chunkSize(String line) throws RequestHead.Malformed {
    int i = 0;
    while (i < line.length() && Character.digit(line.charAt(i), 16) >= 0) {
      i++;
    }
    if (i == 0 || i > 15) {
      throw new RequestHead.Malformed("bad chunk size");
    }
    int e = i;
    while (e < line.length() && (line.charAt(e) == ' ' || line.charAt(e) == '\t')) {
      e++;
    }
    String ext = line.substring(e);
    if (!ext.isEmpty() && !ext.startsWith(";")) {
      throw new RequestHead.Malformed("bad chunk size");
    }
    for (int k = 0; k < ext.length(); k++) {
      char c = ext.charAt(k);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new RequestHead.Malformed("control byte in a chunk extension");
      }
    }
    return Long.parseLong(line.substring(0, i), 16);
  }

  private static HttpRequest request(RequestHead head) {
    HttpHeaders headers =
        DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
    for (RequestHead.Field f : head.fields()) {
      if (f.named("Transfer-Encoding")) {
        // Re-framed by lbc: the server is told exactly what lbc sends.
        headers.add(f.nameText(), "chunked");
      } else {
        // views into the head's bytes, not copies: RequestHead read them for this request alone
        headers.add(f.name(), f.value());
      }
    }
    return new DefaultHttpRequest(
        head.http10() ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1,
        HttpMethod.valueOf(head.method()),
        head.target(),
        headers);
  }
}
