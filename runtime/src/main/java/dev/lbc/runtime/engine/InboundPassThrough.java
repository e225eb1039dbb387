package dev.lbc.runtime.engine;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;

/**
 * The inbound events a codec does not handle, passed on: lets one handler be Netty's HTTP encoder
 * (an outbound handler class) and lbc's decoder at once, so an idle connection holds one handler
 * and one pipeline context for both directions instead of two. Exceptions go on by the encoder's
 * own (skipped) {@code exceptionCaught}.
 */
interface InboundPassThrough extends ChannelInboundHandler {
  @Override
  default void channelRegistered(ChannelHandlerContext ctx) {
    ctx.fireChannelRegistered();
  }

  @Override
  default void channelUnregistered(ChannelHandlerContext ctx) {
    ctx.fireChannelUnregistered();
  }

  @Override
  default void channelActive(ChannelHandlerContext ctx) {
    ctx.fireChannelActive();
  }

  @Override
  default void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  default void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ctx.fireChannelWritabilityChanged();
  }
}
