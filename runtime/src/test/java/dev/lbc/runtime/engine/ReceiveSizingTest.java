package dev.lbc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/**
 * Receive buffers sized as Netty's adaptive allocator sizes them: 2 KiB first, a filled buffer
 * makes the next 16 times larger (up to 64 KiB), small reads twice in a row halve it (down to 64).
 */
class ReceiveSizingTest {
  private final ChannelConfig config = new EmbeddedChannel().config();

  /** One read of {@code bytes} into a buffer of the current guess, as a channel does it. */
  private static void read(RecvByteBufAllocator.ExtendedHandle h, ChannelConfig c, int bytes) {
    h.reset(c);
    h.attemptedBytesRead(h.guess());
    h.lastBytesRead(bytes);
    h.incMessagesRead(1);
    h.readComplete();
  }

  @Test
  void aFilledBufferGrowsTheNextAndSmallReadsShrinkIt() {
    var h = (RecvByteBufAllocator.ExtendedHandle) new ReceiveSizing().newHandle();
    assertEquals(2048, h.guess());
    read(h, config, 2048);
    assertEquals(32768, h.guess(), "filled: 16 times larger");
    read(h, config, 32768);
    read(h, config, 65536);
    assertEquals(65536, h.guess(), "no larger than 64 KiB");
    read(h, config, 100);
    assertEquals(65536, h.guess(), "one small read is not enough");
    read(h, config, 100);
    assertEquals(32768, h.guess(), "two in a row halve it");
    for (int i = 0; i < 40; i++) {
      read(h, config, 1);
    }
    assertEquals(64, h.guess(), "no smaller than 64 bytes");
  }

  @Test
  void aReadGoesOnOnlyWhileTheLastFilledItsBufferAndAutoReadIsOn() {
    var h = (RecvByteBufAllocator.ExtendedHandle) new ReceiveSizing().newHandle();
    config.setAutoRead(true);
    h.reset(config);
    h.attemptedBytesRead(2048);
    h.lastBytesRead(2048);
    h.incMessagesRead(1);
    assertTrue(h.continueReading(), "the buffer was filled: more may be waiting");
    h.attemptedBytesRead(32768);
    h.lastBytesRead(10);
    h.incMessagesRead(1);
    assertFalse(h.continueReading(), "the socket had no more");
    config.setAutoRead(false);
    h.reset(config);
    h.attemptedBytesRead(2048);
    h.lastBytesRead(2048);
    assertFalse(h.continueReading(), "lbc asks for each read itself");
  }
}
