package org.cloudgate.sip.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection that carried nothing for the idle timeout of the
 * {@link io.netty.handler.timeout.IdleStateHandler} before it, so dead peers (and clients that
 * never close) free their sockets. Used by the SIP stream listeners and the daemon's HTTP ones.
 */
@Sharable
public final class IdleConnectionCloser extends ChannelInboundHandlerAdapter {

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }
}
