package org.cloudgate.sip.transport;

import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import org.cloudgate.sip.message.SipMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.function.Function;

/**
 * The last handler of every SIP pipeline: hands each accepted message, with its source and
 * transport, to the transaction layer of the channel's event loop. For a stream it also records
 * the connection, so that messages to that peer reuse it.
 */
@Sharable
final class TransactionDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TransactionDispatcher.class);

    private final Function<EventLoop, LoopStack> stacks;
    private final Function<LoopStack, SipTransport> transport;

    TransactionDispatcher(Function<EventLoop, LoopStack> stacks, Function<LoopStack, SipTransport> transport) {
        this.stacks = stacks;
        this.transport = transport;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (transport.apply(stacks.apply(ctx.channel().eventLoop())) instanceof StreamTransport stream) {
            stream.opened(ctx.channel());
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        LoopStack stack = stacks.apply(ctx.channel().eventLoop());
        if (msg instanceof AddressedEnvelope<?, ?> envelope && envelope.content() instanceof SipMessage message
                && envelope.sender() instanceof InetSocketAddress sender) {
            stack.layer().receive(message, sender, transport.apply(stack));
        } else if (msg instanceof SipMessage message) {
            stack.layer().receive(message, (InetSocketAddress) ctx.channel().remoteAddress(), transport.apply(stack));
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("SIP channel {} failed: {}", ctx.channel(), cause.toString());
        if (!(ctx.channel() instanceof io.netty.channel.socket.DatagramChannel)) {
            ctx.close();
        }
    }
}
