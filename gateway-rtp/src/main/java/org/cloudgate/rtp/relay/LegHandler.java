package org.cloudgate.rtp.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pipeline end of one relay socket: hands each datagram to its session. */
final class LegHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(LegHandler.class);

    private final RelaySession session;
    private final RelayLeg leg;
    private final boolean control;

    LegHandler(RelaySession session, RelayLeg leg, boolean control) {
        this.session = session;
        this.leg = leg;
        this.control = control;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet) {
            session.onDatagram(leg, control, packet);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.onReadComplete(leg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed send (ICMP error reported on a later call) must not close a media socket.
        LOG.debug("relay socket {} error: {}", ctx.channel().localAddress(), cause.toString());
    }
}
