package dev.lbc.runtime.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * The receive-buffer sizing of every proxied channel, as Netty's {@code
 * AdaptiveRecvByteBufAllocator} sizes them: 2 KiB first, a read that fills its buffer makes the
 * next one 16 times larger, two reads in a row that half the buffer would have held halve it, from
 * 64 bytes to 64 KiB (here in powers of two only). Each channel keeps its handle for its whole
 * life, and Netty's is 96 bytes (its state and the supplier object its base class makes for every
 * handle); this one is 40, on each side of thousands of idle connections.
 */
final class ReceiveSizing implements RecvByteBufAllocator {
  private static final int MIN_SHIFT = 6;
  private static final int MAX_SHIFT = 16;
  private static final int FIRST_SHIFT = 11;
  private static final int GROWTH_SHIFT = 4;
  // as Netty's default for stream channels; reads go on only while auto-read is on anyway
  private static final int MAX_MESSAGES_PER_READ = 16;

  @Override
  public Handle newHandle() {
    return new Sizing();
  }

  /** One channel's sizing, and the state of the read under way (as Netty's MaxMessageHandle). */
  private static final class Sizing implements ExtendedHandle {
    private ChannelConfig config;
    private int messages;
    private int bytesRead;
    private int attempted;
    private int last;
    private byte shift = FIRST_SHIFT;
    private boolean decreaseNow;

    @Override
    public ByteBuf allocate(ByteBufAllocator alloc) {
      return alloc.ioBuffer(guess());
    }

    @Override
    public int guess() {
      return 1 << shift;
    }

    @Override
    public void reset(ChannelConfig config) {
      this.config = config;
      messages = 0;
      bytesRead = 0;
    }

    @Override
    public void incMessagesRead(int n) {
      messages += n;
    }

    @Override
    public void lastBytesRead(int bytes) {
      if (bytes == attempted) {
        // the buffer was filled: larger at once, not only at the end of the read
        record(bytes);
      }
      last = bytes;
      if (bytes > 0) {
        bytesRead += bytes;
      }
    }

    @Override
    public int lastBytesRead() {
      return last;
    }

    @Override
    public void attemptedBytesRead(int bytes) {
      attempted = bytes;
    }

    @Override
    public int attemptedBytesRead() {
      return attempted;
    }

    @Override
    public boolean continueReading() {
      // more may be waiting only if the last read filled what it was given
      return mayContinue() && attempted == last;
    }

    @Override
    public boolean continueReading(UncheckedBooleanSupplier maybeMoreData) {
      return mayContinue() && maybeMoreData.get();
    }

    private boolean mayContinue() {
      return config.isAutoRead() && messages < MAX_MESSAGES_PER_READ && bytesRead > 0;
    }

    @Override
    public void readComplete() {
      record(bytesRead < 0 ? Integer.MAX_VALUE : bytesRead);
    }

    private void record(int read) {
      if (read <= 1 << Math.max(MIN_SHIFT, shift - 1)) {
        if (decreaseNow) {
          shift = (byte) Math.max(MIN_SHIFT, shift - 1);
        }
        decreaseNow = !decreaseNow;
      } else if (read >= guess()) {
        shift = (byte) Math.min(MAX_SHIFT, shift + GROWTH_SHIFT);
        decreaseNow = false;
      }
    }
  }
}
