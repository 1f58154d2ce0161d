package org.cloudgate.csta.link;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.cloudgate.csta.codec.DecodeFailure;
import org.cloudgate.csta.codec.Inbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a link's pipeline: hands decoded messages and decode failures to the
 * {@link CstaLink} and reports the connection's life. Logs the first decode failure of a
 * connection only, without a stack trace; the rest are counted.
 */
final class LinkHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(LinkHandler.class);

    private final CstaLink link;
    private boolean failureLogged;

    LinkHandler(CstaLink link) {
        this.link = link;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        link.connected(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        link.connectionLost();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Inbound inbound) {
            link.received(ctx.channel(), inbound.message(), inbound.namespace(), inbound.ignoredElements());
        } else if (msg instanceof DecodeFailure failure) {
            if (!failureLogged) {
                failureLogged = true;
                LOG.warn("CSTA frame from {} not decoded ({}): {}", ctx.channel().remoteAddress(), failure.reason(),
                        failure.detail());
            }
            link.undecodable(ctx.channel(), failure.reason());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("CSTA connection to {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
