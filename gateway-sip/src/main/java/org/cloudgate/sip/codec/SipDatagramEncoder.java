package org.cloudgate.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.net.InetSocketAddress;
import java.util.List;
import org.cloudgate.sip.message.SipMessage;

/**
 * Writes an addressed SIP message as one datagram, copied once into a single I/O buffer
 * (a datagram goes out in one piece anyway). Mirrors {@link SipDatagramDecoder}. Stateless,
 * hence {@link Sharable}.
 */
@ChannelHandler.Sharable
public final class SipDatagramEncoder extends MessageToMessageEncoder<AddressedEnvelope<SipMessage, InetSocketAddress>> {

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof AddressedEnvelope<?, ?> envelope && envelope.content() instanceof SipMessage
                && envelope.recipient() instanceof InetSocketAddress;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, AddressedEnvelope<SipMessage, InetSocketAddress> envelope,
                          List<Object> out) {
        SipMessage message = envelope.content();
        ByteBuf datagram = ctx.alloc().ioBuffer(message.encodedLength());
        message.writeTo(datagram);
        out.add(new DatagramPacket(datagram, envelope.recipient(), envelope.sender()));
    }
}
