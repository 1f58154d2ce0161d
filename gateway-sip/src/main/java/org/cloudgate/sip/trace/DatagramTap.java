package org.cloudgate.sip.trace;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;

/**
 * The first handler of a SIP UDP pipeline: traces every datagram as it arrives, before the
 * decoder sees it (garbage included), and every datagram as it leaves, after the encoder
 * (retransmissions and the codec's error answers included). Copies nothing while the trace is
 * off. Stateless, hence {@link Sharable}.
 */
@Sharable
public final class DatagramTap extends ChannelDuplexHandler {

    private final SipTrace trace;

    public DatagramTap(SipTrace trace) {
        this.trace = trace;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (trace.tracesSip() && msg instanceof DatagramPacket packet) {
            trace.record(TracedPacket.udp(SipTrace.now(), packet.sender(), local(ctx, packet.recipient()),
                    ByteBufUtil.getBytes(packet.content())));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (trace.tracesSip() && msg instanceof DatagramPacket packet) {
            trace.record(TracedPacket.udp(SipTrace.now(), local(ctx, packet.sender()), packet.recipient(),
                    ByteBufUtil.getBytes(packet.content())));
        }
        ctx.write(msg, promise);
    }

    /** The socket's address where the packet does not name it. */
    private static InetSocketAddress local(ChannelHandlerContext ctx, InetSocketAddress named) {
        return named != null ? named : (InetSocketAddress) ctx.channel().localAddress();
    }
}
