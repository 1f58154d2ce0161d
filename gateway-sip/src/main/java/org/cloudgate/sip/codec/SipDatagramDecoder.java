package org.cloudgate.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRejection;

/**
 * Decodes one UDP datagram into one {@link SipMessage} (RFC 3261 section 18.3), emitted as an
 * {@link AddressedEnvelope} so that the answer can go back to the sender.
 *
 * <p>A message the syntax layer refused is still emitted, with {@link SipMessage#rejection()}
 * set, when its start line could be read: a request gets an error response
 * ({@link SipErrorResponse}), a response is dropped by the transaction layer. Octets that are
 * not SIP are dropped here. Either way the refusal is counted and logged (rate-limited);
 * nothing is thrown. Stateless, hence {@link Sharable}.
 *
 * <p>A datagram in a buffer without an array (the native transports' direct receive buffers) is
 * copied into an exactly sized heap buffer before framing. The parsers read an array, so it
 * would be copied out once anyway; copying it into a buffer the message owns means the receive
 * buffer goes back to the allocator at once instead of staying pinned for as long as a
 * transaction keeps the request (up to Timer J, 32 s, RFC 3261 section 17.2.2). The copy is
 * unpooled for the same reason: a kept request then pins exactly its own octets.
 */
@ChannelHandler.Sharable
public final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
    private static final String TRANSPORT = "udp";

    private final SipDatagramFraming framing;
    private final SipCodecMetrics metrics;
    private final MalformedInputLog log = new MalformedInputLog();

    public SipDatagramDecoder(SipDecoderConfig config, SipCodecMetrics metrics) {
        super(DatagramPacket.class);
        this.framing = new SipDatagramFraming(config);
        this.metrics = metrics;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf datagram = packet.content();
        ByteBuf octets = datagram.hasArray() ? datagram : Unpooled.copiedBuffer(datagram);
        SipDatagramFraming.Result result;
        try {
            result = framing.frame(octets);
        } finally {
            if (octets != datagram) {
                octets.release();
            }
        }
        SipMessage message = result.message();
        SipRejection rejection = message != null ? message.rejection() : result.dropped();
        if (rejection != null) {
            metrics.rejected(rejection);
            log.refused(TRANSPORT, packet.sender(), rejection);
        } else if (message != null) {
            metrics.decoded();
        }
        if (message != null) {
            out.add(new DefaultAddressedEnvelope<SipMessage, InetSocketAddress>(message, packet.recipient(), packet.sender()));
        }
    }
}
