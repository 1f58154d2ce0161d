package org.cloudgate.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.cloudgate.sip.message.SipMessage;

import java.net.InetSocketAddress;

/**
 * One way of sending SIP messages (RFC 3261 section 18): UDP, TCP or TLS. The transaction layer
 * encodes a message once and hands the bytes to its transport, again for each retransmission.
 */
public interface SipTransport {

    /** The Via transport token: "UDP", "TCP" or "TLS". */
    String name();

    /** Reliable transports deliver or fail; the transaction layer does not retransmit over them. */
    boolean reliable();

    /** The address this transport receives on, for Via sent-by and Contact. */
    InetSocketAddress localAddress();

    /**
     * The octets of {@code message} in the form this transport sends best. A stream takes the
     * spliced composite as it is (one gathering write); see {@link UdpTransport} for datagrams.
     */
    default ByteBuf encode(SipMessage message, ByteBufAllocator allocator) {
        return message.encode(allocator);
    }

    /**
     * Sends {@code encoded} (ownership passes to the transport) to {@code destination}. A failure
     * is reported to {@code onFailure} on the sender's event loop.
     */
    void send(ByteBuf encoded, InetSocketAddress destination, TransportFailure onFailure);

    /** Told when a message could not be sent (RFC 3261 section 18.4). */
    @FunctionalInterface
    interface TransportFailure {
        TransportFailure IGNORE = cause -> { };

        void failed(Throwable cause);
    }
}
