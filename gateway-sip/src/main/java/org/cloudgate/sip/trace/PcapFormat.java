package org.cloudgate.sip.trace;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The classic libpcap file format (draft-ietf-opsawg-pcap, sections 4 and 5) with link type
 * LINKTYPE_ETHERNET: each packet an Ethernet II frame around an IPv4 (RFC 791) or IPv6 (RFC 8200)
 * header and a UDP (RFC 768) or TCP (RFC 9293) header, with real lengths and checksums, so that
 * Wireshark, tshark and sngrep decode the SIP inside as if it had been captured on the wire.
 *
 * <p>Written big-endian: readers tell the byte order from the magic number. Timestamps are in
 * microseconds. The Ethernet addresses are fixed, locally administered ones: the trace is taken
 * above the link layer and has no real ones.
 */
public final class PcapFormat {

    /** Octets of the file header that opens every trace file. */
    public static final int FILE_HEADER_LENGTH = 24;
    /** Octets of the header before each packet. */
    public static final int RECORD_HEADER_LENGTH = 16;
    /** The largest frame a record may hold; what tcpdump uses by default. */
    public static final int SNAP_LENGTH = 262_144;
    /** The most payload octets one record carries: what fits any IP packet (65535 octets) with a TCP header. */
    public static final int MAX_PAYLOAD = 65_535 - 60 - 20;

    static final int MAGIC = 0xA1B2C3D4;
    static final int LINKTYPE_ETHERNET = 1;
    static final int ETHERNET_HEADER_LENGTH = 14;
    static final int IPV4_HEADER_LENGTH = 20;
    static final int IPV6_HEADER_LENGTH = 40;
    static final int UDP_HEADER_LENGTH = 8;
    static final int TCP_HEADER_LENGTH = 20;
    static final int PROTOCOL_TCP = 6;
    static final int PROTOCOL_UDP = 17;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int TTL = 64;
    private static final int TCP_WINDOW = 65_535;
    private static final byte[] SOURCE_MAC = {0x02, 0, 0, 0, 0, 0x01};
    private static final byte[] DESTINATION_MAC = {0x02, 0, 0, 0, 0, 0x02};

    private PcapFormat() {
    }

    /** The file header: magic, version 2.4, UTC, the snap length and the link type. */
    public static byte[] fileHeader() {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_LENGTH);
        header.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(SNAP_LENGTH).putInt(LINKTYPE_ETHERNET);
        return header.array();
    }

    /**
     * One record: its header and the frame of {@code packet}.
     *
     * @throws IllegalArgumentException when the payload does not fit one IP packet
     */
    public static byte[] record(TracedPacket packet) {
        if (packet.originalLength() > MAX_PAYLOAD) {
            throw new IllegalArgumentException(packet.originalLength() + " octets do not fit one IP packet");
        }
        InetAddress from = address(packet.source());
        InetAddress to = address(packet.destination());
        boolean v6 = from instanceof Inet6Address || to instanceof Inet6Address;
        byte[] source = bytes(from, v6);
        byte[] destination = bytes(to, v6);
        int ipHeader = v6 ? IPV6_HEADER_LENGTH : IPV4_HEADER_LENGTH;
        int transportHeader = packet.tcp() ? TCP_HEADER_LENGTH : UDP_HEADER_LENGTH;
        int kept = ETHERNET_HEADER_LENGTH + ipHeader + transportHeader + packet.payload().length;
        int sent = ETHERNET_HEADER_LENGTH + ipHeader + transportHeader + packet.originalLength();
        int transportLength = transportHeader + packet.originalLength();

        ByteBuffer out = ByteBuffer.allocate(RECORD_HEADER_LENGTH + kept);
        out.putInt((int) Math.floorDiv(packet.epochMicros(), 1_000_000L))
                .putInt((int) Math.floorMod(packet.epochMicros(), 1_000_000L))
                .putInt(kept).putInt(sent);
        out.put(DESTINATION_MAC).put(SOURCE_MAC).putShort((short) (v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4));
        int protocol = packet.tcp() ? PROTOCOL_TCP : PROTOCOL_UDP;
        if (v6) {
            out.putInt(6 << 28).putShort((short) transportLength).put((byte) protocol).put((byte) TTL)
                    .put(source).put(destination);
        } else {
            int start = out.position();
            out.put((byte) 0x45).put((byte) 0).putShort((short) (IPV4_HEADER_LENGTH + transportLength))
                    .putShort((short) 0).putShort((short) 0x4000).put((byte) TTL).put((byte) protocol)
                    .putShort((short) 0).put(source).put(destination);
            out.putShort(start + 10, (short) ~sum(out.array(), start, IPV4_HEADER_LENGTH, 0));
        }
        int transportStart = out.position();
        int sourcePort = packet.source().getPort();
        int destinationPort = packet.destination().getPort();
        if (packet.tcp()) {
            out.putShort((short) sourcePort).putShort((short) destinationPort)
                    .putInt(packet.sequence()).putInt(packet.acknowledgement())
                    .put((byte) ((TCP_HEADER_LENGTH / 4) << 4)).put((byte) packet.tcpFlags())
                    .putShort((short) TCP_WINDOW).putShort((short) 0).putShort((short) 0);
        } else {
            out.putShort((short) sourcePort).putShort((short) destinationPort)
                    .putShort((short) transportLength).putShort((short) 0);
        }
        out.put(packet.payload());
        if (packet.payload().length == packet.originalLength()) {
            int checksum = ~sum(out.array(), transportStart, transportLength,
                    pseudoHeader(source, destination, protocol, transportLength)) & 0xFFFF;
            if (checksum == 0 && !packet.tcp()) {
                checksum = 0xFFFF; // RFC 768: a computed zero is sent as all ones
            }
            out.putShort(transportStart + (packet.tcp() ? 16 : 6), (short) checksum);
        }
        return out.array();
    }

    private static InetAddress address(InetSocketAddress socketAddress) {
        InetAddress address = socketAddress.getAddress();
        if (address == null) {
            throw new IllegalArgumentException("unresolved address " + socketAddress);
        }
        return address;
    }

    /** The address in the family of the packet: an IPv4 address in an IPv6 packet is IPv4-mapped (RFC 4291 2.5.5.2). */
    private static byte[] bytes(InetAddress address, boolean v6) {
        byte[] raw = address.getAddress();
        if (!v6 || address instanceof Inet6Address) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    /** The sum of the pseudo-header (RFC 768 for IPv4, RFC 8200 section 8.1 for IPv6). */
    private static int pseudoHeader(byte[] source, byte[] destination, int protocol, int length) {
        int sum = sum(source, 0, source.length, 0);
        sum = sum(destination, 0, destination.length, sum);
        return fold(sum + protocol + (length >>> 16) + (length & 0xFFFF));
    }

    /** The ones' complement sum of 16-bit words (RFC 1071), an odd last octet padded with zero. */
    private static int sum(byte[] data, int offset, int length, int initial) {
        long sum = initial;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (data[i] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static int fold(int sum) {
        int folded = sum;
        while ((folded >>> 16) != 0) {
            folded = (folded & 0xFFFF) + (folded >>> 16);
        }
        return folded;
    }
}
