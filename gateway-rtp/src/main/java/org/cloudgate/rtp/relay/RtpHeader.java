package org.cloudgate.rtp.relay;

import io.netty.buffer.ByteBuf;

/**
 * Reads the fixed RTP header (RFC 3550 section 5.1) in place from a received datagram, without
 * copying it. Only the fields the relay needs for checking and statistics are read; the payload
 * (RFC 4733 events, SRTP ciphertext) is never looked at.
 */
public final class RtpHeader {

    /** The fixed header: V/P/X/CC, M/PT, sequence number, timestamp, SSRC. */
    public static final int FIXED_LENGTH = 12;

    /** Smallest RTCP packet: the common header and the sender's SSRC (RFC 3550 section 6.4). */
    public static final int RTCP_MIN_LENGTH = 8;

    private RtpHeader() {
    }

    /** True for a datagram that can be RTP: at least 12 octets, version 2 (RFC 3550 5.1). */
    public static boolean isRtp(ByteBuf datagram) {
        return datagram.readableBytes() >= FIXED_LENGTH && version(datagram) == 2;
    }

    /**
     * True for a datagram that can be (compound) RTCP: at least 8 octets, version 2, and a
     * packet type in 192-223, the range RFC 5761 section 4 reserves for RTCP.
     */
    public static boolean isRtcp(ByteBuf datagram) {
        if (datagram.readableBytes() < RTCP_MIN_LENGTH || version(datagram) != 2) {
            return false;
        }
        int packetType = datagram.getUnsignedByte(datagram.readerIndex() + 1);
        return packetType >= 192 && packetType <= 223;
    }

    public static int version(ByteBuf datagram) {
        return datagram.getUnsignedByte(datagram.readerIndex()) >>> 6;
    }

    public static boolean marker(ByteBuf rtp) {
        return (rtp.getUnsignedByte(rtp.readerIndex() + 1) & 0x80) != 0;
    }

    public static int payloadType(ByteBuf rtp) {
        return rtp.getUnsignedByte(rtp.readerIndex() + 1) & 0x7f;
    }

    public static int sequence(ByteBuf rtp) {
        return rtp.getUnsignedShort(rtp.readerIndex() + 2);
    }

    public static long timestamp(ByteBuf rtp) {
        return rtp.getUnsignedInt(rtp.readerIndex() + 4);
    }

    /** The synchronisation source of an RTP packet (octets 8-11). */
    public static long ssrc(ByteBuf rtp) {
        return rtp.getUnsignedInt(rtp.readerIndex() + 8);
    }

    /** The SSRC of the sender of an RTCP packet (octets 4-7, RFC 3550 section 6.4.1). */
    public static long rtcpSenderSsrc(ByteBuf rtcp) {
        return rtcp.getUnsignedInt(rtcp.readerIndex() + 4);
    }
}
