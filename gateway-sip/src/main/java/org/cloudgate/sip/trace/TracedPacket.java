package org.cloudgate.sip.trace;

import java.net.InetSocketAddress;

/**
 * One packet as the trace records it: when, from whom to whom, over UDP or TCP, and the payload
 * octets (a copy, owned by the trace).
 *
 * @param epochMicros     when the packet was sent or received, in microseconds since the epoch
 * @param source          the sender's address and port
 * @param destination     the receiver's address and port
 * @param tcp             {@code true} for a TCP segment, {@code false} for a UDP datagram
 * @param sequence        TCP sequence number of the first payload octet (RFC 9293 section 3.4)
 * @param acknowledgement TCP acknowledgement number
 * @param tcpFlags        TCP control bits, e.g. {@link #ACK} | {@link #PSH}
 * @param payload         the octets carried, possibly fewer than were sent
 * @param originalLength  how many payload octets were sent; more than {@code payload.length} when
 *                        only a header is kept (RTP)
 */
public record TracedPacket(long epochMicros, InetSocketAddress source, InetSocketAddress destination, boolean tcp,
                           int sequence, int acknowledgement, int tcpFlags, byte[] payload, int originalLength) {

    /** TCP control bits (RFC 9293 section 3.1). */
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    public TracedPacket {
        if (originalLength < payload.length) {
            throw new IllegalArgumentException("original length " + originalLength + " below the "
                    + payload.length + " octets kept");
        }
    }

    /** A UDP datagram carried whole. */
    public static TracedPacket udp(long epochMicros, InetSocketAddress source, InetSocketAddress destination,
                                   byte[] payload) {
        return new TracedPacket(epochMicros, source, destination, false, 0, 0, 0, payload, payload.length);
    }

    /** A TCP segment carried whole. */
    public static TracedPacket tcp(long epochMicros, InetSocketAddress source, InetSocketAddress destination,
                                   int sequence, int acknowledgement, int flags, byte[] payload) {
        return new TracedPacket(epochMicros, source, destination, true, sequence, acknowledgement, flags, payload,
                payload.length);
    }
}
