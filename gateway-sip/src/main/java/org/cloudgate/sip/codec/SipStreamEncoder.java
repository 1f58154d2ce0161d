package org.cloudgate.sip.codec;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import org.cloudgate.sip.message.SipMessage;

/**
 * Writes SIP messages to a TCP or TLS stream as composites of the original octets and the
 * rewritten parts, without copying the untouched ones. Content-Length always matches the body,
 * as stream framing requires (RFC 3261 section 18.3). Stateless, hence {@link Sharable}.
 */
@ChannelHandler.Sharable
public final class SipStreamEncoder extends MessageToMessageEncoder<SipMessage> {

    public SipStreamEncoder() {
        super(SipMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SipMessage message, List<Object> out) {
        out.add(message.encode(ctx.alloc()));
    }
}
