package org.cloudgate.sip.codec;

import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipMethods;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;

/**
 * Sits after a decoder and answers what the syntax layer refused, so that only accepted
 * messages reach the transaction layer: a refused request gets 400, 413 or 505 (never an ACK,
 * RFC 3261 section 17.1.1.3), a refused response is dropped (section 18.1.2), and on a stream
 * whose framing was lost the connection is closed after the answer (section 18.3).
 * Stateless, hence {@link Sharable}.
 */
@ChannelHandler.Sharable
public final class SipRejectionResponder extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof AddressedEnvelope<?, ?> envelope && envelope.content() instanceof SipMessage message) {
            if (message.rejection() == null) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                if (isAnswerable(message) && envelope.sender() instanceof InetSocketAddress sender) {
                    SipResponse answer = SipErrorResponse.forRejection((SipRequest) message, message.rejection());
                    ctx.writeAndFlush(new DefaultAddressedEnvelope<>(answer, sender));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (msg instanceof SipMessage message && message.rejection() != null) {
            try {
                boolean close = message.rejection().losesFraming();
                if (isAnswerable(message)) {
                    SipResponse answer = SipErrorResponse.forRejection((SipRequest) message, message.rejection());
                    var written = ctx.writeAndFlush(answer);
                    if (close) {
                        written.addListener(ChannelFutureListener.CLOSE);
                    }
                } else if (close) {
                    ctx.close();
                }
            } finally {
                message.release();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isAnswerable(SipMessage message) {
        return message.isRequest() && !SipMethods.ACK.equals(((SipRequest) message).method());
    }
}
