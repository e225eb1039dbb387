package dev.lbc.runtime.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The server side's codec, one handler: requests are encoded by Netty's encoder, responses read
 * strictly (RFC 9112 6.3) into the messages {@link HttpProxy} relays. Netty's {@code
 * HttpClientCodec} would hold, on every idle server connection, a parser scratch buffer, two
 * parsers, a method queue of 16 and three handler objects; this holds a few fields.
 *
 * <p>Framing: no body for an answer to HEAD and for 1xx, 204 and 304; a 1xx is an interim answer,
 * the final one follows; Transfer-Encoding ending in chunked is read as chunks (trailers checked
 * and kept), one without chunked ends with the connection, and Content-Length beside it is dropped;
 * Content-Length is one decimal number (repeated equal values are one); with neither, the body ends
 * with the connection. A response lbc cannot frame without doubt (a bad status line or field,
 * Content-Length values that differ, chunked twice or not last, a head or chunk line over the
 * limits), a 101 (lbc does not switch protocols) and bytes while no answer is owed are {@link
 * Broken}: the client gets 502 if nothing of the answer has reached it yet.
 */
final class ServerCodec extends HttpRequestEncoder implements InboundPassThrough {
  /** A response lbc cannot frame; nothing more is read from this server connection. */
  record Broken(String reason) {}

  /**
   * Where the answers read go: {@link HttpProxy}, called directly rather than as the next handler,
   * so that an idle server connection holds no handler object and pipeline context of its own for
   * it (88 bytes). Each call names the server connection's context.
   */
  interface Receiver {
    /** An {@code HttpResponse}, {@code HttpContent} or {@link Broken}. */
    void answer(ChannelHandlerContext server, Object msg);

    /** The end of a read from the server: what it gave is flushed on. */
    void answersRead(ChannelHandlerContext server);

    void serverEnded(ChannelHandlerContext server);

    void serverFailed(ChannelHandlerContext server, Throwable cause);
  }

  private static final int MAX_CHUNK_LINE = 4096;
  // framing(): a body that ends with the connection (RequestHead.CHUNKED is -1)
  private static final long TO_CLOSE = -2;

  private enum State {
    HEAD,
    LENGTH,
    UNTIL_CLOSE,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS,
    BROKEN
  }

  // one for all (this::encode would be an object per write)
  private static final RequestDecoder.Encoding ENCODE =
      (encoder, ctx, msg, out) -> ((ServerCodec) encoder).encode(ctx, msg, out);

  private final int maxHead;
  private final Receiver receiver;
  private ByteBuf buffered;
  private State state = State.HEAD;
  private long remaining;
  // bytes of a response head not yet whole already scanned for its end
  private int headScanned;
  private int trailerBytes;
  private LastHttpContent trailers;
  // the answers owed to requests written, and which are to a HEAD (AnswersOwed)
  private Object owed;
  private boolean passedOn;

  ServerCodec(int maxHead, Receiver receiver) {
    this.maxHead = maxHead;
    this.receiver = receiver;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof HttpRequest r) {
      owed = AnswersOwed.add(owed, HttpMethod.HEAD.equals(r.method()));
    }
    RequestDecoder.encodeAndWrite(this, ENCODE, ctx, msg, promise);
  }

  /** The answer now read is the final one to the oldest request: is that request a HEAD? */
  private boolean answeredHead() {
    boolean head = AnswersOwed.firstIsHead(owed);
    owed = AnswersOwed.removeFirst(owed);
    return head;
  }

  private boolean owedHead() {
    return AnswersOwed.firstIsHead(owed);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (state == State.BROKEN) {
      in.release();
      return;
    }
    buffered = RequestDecoder.cumulate(ctx, buffered, in);
    List<Object> out = new ArrayList<>(4);
    try {
      decode(buffered, out);
    } catch (RequestHead.Malformed m) {
      // nothing of this read is relayed: the client gets 502 unless an answer began before it
      out.forEach(ReferenceCountUtil::release);
      out.clear();
      if (trailers != null) {
        trailers.release();
        trailers = null;
      }
      state = State.BROKEN;
      out.add(new Broken(m.getMessage()));
    }
    if (state == State.BROKEN || !buffered.isReadable()) {
      buffered.release();
      buffered = null;
    } else if (buffered.refCnt() == 1) {
      buffered.discardSomeReadBytes();
    }
    passedOn |= !out.isEmpty();
    for (Object o : out) {
      receiver.answer(ctx, o);
    }
  }

  private void decode(ByteBuf in, List<Object> out) throws RequestHead.Malformed {
    while (true) {
      switch (state) {
        case HEAD -> {
          if (in.isReadable() && !AnswersOwed.any(owed)) {
            // An answer to no request: relayed, it would be taken for the answer to the client's
            // next request (HAProxy closes a server connection that talks out of turn).
            throw new RequestHead.Malformed("bytes from the server while no answer is owed");
          }
          if (!head(in, out)) {
            return;
          }
        }
        case LENGTH, CHUNK_DATA -> {
          HttpContent part = RequestDecoder.bodyPart(in, remaining, state == State.LENGTH);
          if (part == null) {
            return;
          }
          out.add(part);
          remaining -= part.content().readableBytes();
          if (remaining == 0) {
            state = state == State.LENGTH ? State.HEAD : State.CHUNK_END;
          }
        }
        case UNTIL_CLOSE -> {
          if (!in.isReadable()) {
            return;
          }
          out.add(new DefaultHttpContent(in.readRetainedSlice(in.readableBytes())));
        }
        case CHUNK_END -> {
          if (!RequestDecoder.chunkDataEnded(in)) {
            return;
          }
          state = State.CHUNK_SIZE;
        }
        case CHUNK_SIZE -> {
          String line = RequestDecoder.line(in, MAX_CHUNK_LINE, "chunk-size line");
          if (line == null) {
            return;
          }
          long size = RequestDecoder.chunkSize(line);
          if (size == 0) {
            state = State.TRAILERS;
            trailerBytes = 0;
            trailers = new DefaultLastHttpContent();
          } else {
            remaining = size;
            state = State.CHUNK_DATA;
          }
        }
        case TRAILERS -> {
          int before = in.readerIndex();
          String line = RequestDecoder.line(in, maxHead - trailerBytes, "trailer section");
          if (line == null) {
            return;
          }
          trailerBytes += in.readerIndex() - before;
          if (line.isEmpty()) {
            out.add(trailers);
            trailers = null;
            state = State.HEAD;
          } else {
            byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
            RequestHead.Field f = RequestHead.field(b, 0, b.length);
            trailers.trailingHeaders().add(f.nameText(), f.valueText());
          }
        }
        case BROKEN -> {
          return;
        }
      }
    }
  }

  /** Reads one response head if it is all there; false if more bytes are needed. */
  private boolean head(ByteBuf in, List<Object> out) throws RequestHead.Malformed {
    int start = in.readerIndex();
    int limit = Math.min(in.writerIndex(), start + maxHead);
    int end = -1;
    // What was scanned is remembered: a head trickled a byte at a time costs linear time.
    for (int i = in.indexOf(start + headScanned, limit, (byte) '\n'); i >= 0; ) {
      if (i == start || in.getByte(i - 1) != '\r') {
        // no CRLF CRLF would ever end such a head: refused now, not at timeout server
        throw new RequestHead.Malformed("bare LF in a response head");
      }
      if (i >= start + 3 && in.getByte(i - 2) == '\n' && in.getByte(i - 3) == '\r') {
        end = i + 1;
        break;
      }
      i = i + 1 < limit ? in.indexOf(i + 1, limit, (byte) '\n') : -1;
    }
    headScanned = end >= 0 ? 0 : limit - start;
    if (end < 0) {
      if (in.readableBytes() >= maxHead) {
        throw new RequestHead.Malformed("response head over " + maxHead + " bytes");
      }
      return false;
    }
    byte[] b = ByteBufUtil.getBytes(in, start, end - start, false);
    in.readerIndex(end);
    int eol = RequestHead.lineEnd(b, 0, b.length);
    HttpVersion version = version(b, eol);
    int code = status(b, eol);
    for (int i = 13; i < eol; i++) {
      int c = b[i] & 0xff;
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new RequestHead.Malformed("control byte in the reason phrase");
      }
    }
    HttpResponseStatus status = status(code, b, 13, Math.max(13, eol));
    // One pass checks every field and makes nothing, but the framing fields' values; the fields
    // become Netty's header objects only when lbc must edit them (see Relayed).
    List<String> te = List.of();
    List<String> cl = List.of();
    boolean asWritten = true;
    int fields = 0;
    int last = eol + 2;
    for (int at = eol + 2; ; ) {
      int e = RequestHead.lineEnd(b, at, b.length);
      if (e == at) {
        last = at;
        break;
      }
      if (fields++ == RequestHead.MAX_FIELDS) {
        throw new RequestHead.Malformed("more than " + RequestHead.MAX_FIELDS + " header lines");
      }
      long bounds = RequestHead.checkField(b, at, e);
      int colon = RequestHead.colon(bounds);
      int from = RequestHead.valueStart(bounds);
      int to = RequestHead.valueEnd(bounds);
      // as Netty's encoder would write it: "name: value"
      asWritten &= from == colon + 2 && b[colon + 1] == ' ' && to == e && to > from;
      if (RequestHead.named(b, at, colon, "Transfer-Encoding")) {
        te = added(te, b, from, to);
      } else if (RequestHead.named(b, at, colon, "Content-Length")) {
        cl = added(cl, b, from, to);
      }
      at = e + 2;
    }
    if (code == 101) {
      // The client side stays HTTP (RequestDecoder): lbc cannot relay another protocol.
      throw new RequestHead.Malformed("101 Switching Protocols: lbc does not switch protocols");
    }
    boolean interim = code < 200;
    boolean headAnswer = interim ? owedHead() : answeredHead();
    long length = framing(te, cl, code, headAnswer);
    if (asWritten
        && code >= 200
        && code != 204
        && code != 205
        && (te.isEmpty() ? cl.size() < 2 : cl.isEmpty())
        && (cl.isEmpty() || RequestHead.decimal(cl.get(0), 18))) {
      out.add(
          new Relayed(
              version,
              status,
              length == RequestHead.CHUNKED ? Relayed.CHUNKED : EmptyHttpHeaders.INSTANCE,
              b,
              last));
    } else {
      out.add(new DefaultHttpResponse(version, status, edited(b, eol + 2, length)));
    }
    if (length == 0) {
      out.add(LastHttpContent.EMPTY_LAST_CONTENT);
    } else if (length == RequestHead.CHUNKED) {
      state = State.CHUNK_SIZE;
    } else if (length == TO_CLOSE) {
      state = State.UNTIL_CLOSE;
    } else {
      remaining = length;
      state = State.LENGTH;
    }
    return true;
  }

  /**
   * A response head relayed as the server wrote it: its status line and field lines, every one
   * already in the form Netty's encoder would write (so the client reads the bytes it read when lbc
   * re-encoded them, but for Content-Length, which keeps its place instead of moving last), and
   * nothing lbc must edit (a single plain Content-Length, none beside a Transfer-Encoding, no 1xx,
   * 204 or 205, whose fields the encoder edits). Its headers are only what the encoder needs to
   * frame the body: Transfer-Encoding chunked or nothing. Parsing the fields into Netty's header
   * objects and encoding them again was the largest share of the request path's garbage.
   */
  static final class Relayed extends DefaultHttpResponse {
    static final HttpHeaders CHUNKED =
        new ReadOnlyHttpHeaders(false, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);

    private final byte[] head;
    private final int length;

    Relayed(HttpVersion v, HttpResponseStatus s, HttpHeaders framing, byte[] head, int length) {
      super(v, s, framing);
      this.head = head;
      this.length = length;
    }

    /** The status line and field lines, each with its CRLF; the empty line is the encoder's. */
    void writeTo(ByteBuf buf) {
      buf.writeBytes(head, 0, length);
    }
  }

  /** {@code list} with the ISO-8859-1 text of {@code b[from, to)} added; a new list when empty. */
  private static List<String> added(List<String> list, byte[] b, int from, int to) {
    List<String> l = list.isEmpty() ? new ArrayList<>(2) : list;
    l.add(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    return l;
  }

  /**
   * The fields from {@code b[at..]} (checked already) as Netty's headers, with the framing lbc
   * relays: no length beside a transfer coding, one length for "5, 5" or two fields of 5.
   */
  private static HttpHeaders edited(byte[] b, int at, long length) throws RequestHead.Malformed {
    HttpHeaders headers =
        DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
    for (int e = RequestHead.lineEnd(b, at, b.length); e != at; ) {
      RequestHead.Field f = RequestHead.field(b, at, e);
      headers.add(f.name(), f.value());
      at = e + 2;
      e = RequestHead.lineEnd(b, at, b.length);
    }
    if (length == RequestHead.CHUNKED
        || (length == TO_CLOSE && headers.contains(HttpHeaderNames.TRANSFER_ENCODING))) {
      // framed by the transfer coding: a length beside it would be a second framing
      headers.remove(HttpHeaderNames.CONTENT_LENGTH);
    } else if (length > 0) {
      // "5, 5" or two fields of 5: the client is told one length
      headers.set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(length));
    }
    return headers;
  }

  private static HttpVersion version(byte[] b, int eol) throws RequestHead.Malformed {
    if (eol >= 8 && RequestHead.isHttp1(b, 0)) {
      return b[7] == '1' ? HttpVersion.HTTP_1_1 : HttpVersion.HTTP_1_0;
    }
    throw new RequestHead.Malformed("status line without HTTP/1.0 or HTTP/1.1");
  }

  /**
   * The status with the reason phrase in {@code b[from, to)}: Netty's shared one when the phrase is
   * its own (nearly every answer), so that an answer makes no status, phrase and line of its own.
   */
  private static HttpResponseStatus status(int code, byte[] b, int from, int to) {
    HttpResponseStatus known = HttpResponseStatus.valueOf(code);
    String phrase = known.reasonPhrase();
    if (phrase.length() == to - from) {
      boolean same = true;
      for (int i = 0; same && i < phrase.length(); i++) {
        same = phrase.charAt(i) == (b[from + i] & 0xff);
      }
      if (same) {
        return known;
      }
    }
    return new HttpResponseStatus(
        code, new String(b, from, to - from, StandardCharsets.ISO_8859_1));
  }

  /** "HTTP/1.x SP 3DIGIT [SP reason]": the status code, 100 to 599. */
  private static int status(byte[] b, int eol) throws RequestHead.Malformed {
    if (eol < 12 || b[8] != ' ' || !digits(b, 9, 12) || (eol > 12 && b[12] != ' ')) {
      throw new RequestHead.Malformed("status line is not VERSION SP STATUS SP REASON");
    }
    int code = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
    if (code < 100 || code > 599) {
      throw new RequestHead.Malformed("status " + code + " out of range");
    }
    return code;
  }

  /**
   * RFC 9112 6.3 for a response: 0 for no body, {@link RequestHead#CHUNKED}, {@link #TO_CLOSE} for
   * a body that ends with the connection, else its length.
   */
  private static long framing(List<String> te, List<String> cl, int code, boolean headAnswer)
      throws RequestHead.Malformed {
    long length = TO_CLOSE;
    if (!cl.isEmpty()) {
      // "5, 5" and two fields of 5 are one length (RFC 9110 8.6); anything else is a doubt
      String first = null;
      for (String v : cl) {
        // split by hand: a single value (nearly every answer) is then taken as it is, no copy
        for (int from = 0; from <= v.length(); ) {
          int comma = v.indexOf(',', from);
          int to = comma < 0 ? v.length() : comma;
          String t = v.substring(from, to).strip();
          if (!RequestHead.decimal(t, 18) || (first != null && !first.equals(t))) {
            throw new RequestHead.Malformed("Content-Length is not one decimal number");
          }
          first = t;
          from = to + 1;
        }
      }
      length = Long.parseLong(first);
    }
    if (headAnswer || code < 200 || code == 204 || code == 304) {
      return 0;
    }
    if (!te.isEmpty()) {
      return chunkedLast(te) ? RequestHead.CHUNKED : TO_CLOSE;
    }
    return length;
  }

  /**
   * Whether the transfer codings (every Transfer-Encoding field, in order) end in chunked; without
   * chunked the body ends with the connection (RFC 9112 6.3). Chunked anywhere else, or twice (RFC
   * 9112 6.1: a sender must not), is a doubt: lbc re-chunks what it reads as chunked and relays the
   * rest as it comes, so the client would read such an answer framed another way.
   */
  private static boolean chunkedLast(List<String> te) throws RequestHead.Malformed {
    List<String> codings = new ArrayList<>();
    for (String v : te) {
      for (String c : v.split(",", -1)) {
        String t = c.strip().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
          codings.add(t);
        }
      }
    }
    int chunked = codings.indexOf("chunked");
    if (chunked >= 0 && chunked != codings.size() - 1) {
      throw new RequestHead.Malformed("chunked is not the last transfer coding, or is there twice");
    }
    return chunked >= 0;
  }

  private static boolean digits(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (buffered != null) {
      buffered.release();
      buffered = null;
    }
    if (trailers != null) {
      trailers.release();
      trailers = null;
    }
    if (state == State.UNTIL_CLOSE) {
      // the end of the connection is the end of this body
      state = State.HEAD;
      receiver.answer(ctx, LastHttpContent.EMPTY_LAST_CONTENT);
    }
    receiver.serverEnded(ctx);
    ctx.fireChannelInactive();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // Reads are asked for by HttpProxy as it relays; a read that gave it nothing asks here.
    if (!passedOn && state != State.BROKEN && !ctx.channel().config().isAutoRead()) {
      ctx.read();
    }
    passedOn = false;
    receiver.answersRead(ctx);
    ctx.fireChannelReadComplete();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    receiver.serverFailed(ctx, cause);
  }
}
