package org.cloudgate.sip.trace;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PcapFormatTest {

    private static final HexFormat HEX = HexFormat.of();
    /** 2023-11-14T22:13:20.123456Z */
    private static final long TIME = 1_700_000_000_123_456L;

    private static InetSocketAddress at(String address, int port) {
        return new InetSocketAddress(address, port);
    }

    @Test
    void theFileHeaderIsLibpcap24WithMicrosecondsAndEthernet() {
        assertThat(HEX.formatHex(PcapFormat.fileHeader()))
                .isEqualTo("a1b2c3d4" + "0002" + "0004" + "00000000" + "00000000" + "00040000" + "00000001");
    }

    @Test
    void aUdpDatagramOverIpv4IsFramedWithRealLengthsAndChecksums() {
        byte[] record = PcapFormat.record(TracedPacket.udp(TIME, at("192.0.2.1", 5060), at("192.0.2.2", 5070),
                "abc".getBytes(StandardCharsets.US_ASCII)));

        assertThat(HEX.formatHex(record)).isEqualTo(
                "6553f100" + "0001e240" + "0000002d" + "0000002d"                    // record header: time, 45 kept, 45 sent
                        + "020000000002" + "020000000001" + "0800"                   // Ethernet, IPv4
                        + "4500001f" + "00004000" + "4011b6ca" + "c0000201" + "c0000202" // IPv4, 31 octets, UDP
                        + "13c413ce" + "000b8fdf"                                    // UDP 5060 -> 5070, 11 octets
                        + "616263");
    }

    @Test
    void aTcpSegmentOverIpv6CarriesItsSequenceAcknowledgementAndFlags() {
        byte[] payload = "OPTIONS".getBytes(StandardCharsets.US_ASCII);
        byte[] record = PcapFormat.record(TracedPacket.tcp(TIME, at("2001:db8::1", 40000), at("2001:db8::2", 5060),
                1001, 77, TracedPacket.ACK | TracedPacket.PSH, payload));
        ByteBuffer frame = ByteBuffer.wrap(record);

        int frameLength = 14 + 40 + 20 + payload.length;
        assertThat(frame.getInt(8)).isEqualTo(frameLength);
        assertThat(frame.getInt(12)).isEqualTo(frameLength);
        assertThat(frame.getShort(16 + 12)).isEqualTo((short) 0x86DD);
        int ip = 16 + 14;
        assertThat(frame.getInt(ip) >>> 28).isEqualTo(6);
        assertThat(frame.getShort(ip + 4)).isEqualTo((short) (20 + payload.length));
        assertThat(frame.get(ip + 6)).isEqualTo((byte) 6);
        assertThat(HEX.formatHex(record, ip + 8, ip + 40))
                .isEqualTo("20010db8000000000000000000000001" + "20010db8000000000000000000000002");
        int tcp = ip + 40;
        assertThat(frame.getShort(tcp) & 0xFFFF).isEqualTo(40000);
        assertThat(frame.getShort(tcp + 2) & 0xFFFF).isEqualTo(5060);
        assertThat(frame.getInt(tcp + 4)).isEqualTo(1001);
        assertThat(frame.getInt(tcp + 8)).isEqualTo(77);
        assertThat(frame.get(tcp + 12)).isEqualTo((byte) 0x50);
        assertThat(frame.get(tcp + 13)).isEqualTo((byte) 0x18);
        assertThat(new String(record, tcp + 20, payload.length, StandardCharsets.US_ASCII)).isEqualTo("OPTIONS");
    }

    @Test
    void anIpv4PeerOfAnIpv6SocketIsWrittenAsAnIpv4MappedAddress() {
        byte[] record = PcapFormat.record(TracedPacket.udp(TIME, at("::", 5060), at("192.0.2.7", 5060), new byte[1]));

        int ip = 16 + 14;
        assertThat(HEX.formatHex(record, ip + 24, ip + 40)).isEqualTo("00000000000000000000ffffc0000207");
    }

    @Test
    void aPacketKeptInPartRecordsTheLengthItHadOnTheWire() {
        byte[] header = new byte[12];
        byte[] record = PcapFormat.record(new TracedPacket(TIME, at("192.0.2.1", 20000), at("192.0.2.2", 30000),
                false, 0, 0, 0, header, 172));
        ByteBuffer frame = ByteBuffer.wrap(record);

        assertThat(record).hasSize(16 + 14 + 20 + 8 + 12);
        assertThat(frame.getInt(8)).isEqualTo(14 + 20 + 8 + 12);
        assertThat(frame.getInt(12)).isEqualTo(14 + 20 + 8 + 172);
        assertThat(frame.getShort(16 + 14 + 2)).isEqualTo((short) (20 + 8 + 172));
        assertThat(frame.getShort(16 + 14 + 20 + 4)).isEqualTo((short) (8 + 172));
        assertThat(frame.getShort(16 + 14 + 20 + 6)).as("no checksum over octets not kept").isZero();
    }

    @Test
    void aPayloadBeyondOneIpPacketIsRefused() {
        assertThatThrownBy(() -> PcapFormat.record(TracedPacket.tcp(TIME, at("192.0.2.1", 1), at("192.0.2.2", 2), 1, 1,
                TracedPacket.ACK, new byte[PcapFormat.MAX_PAYLOAD + 1])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
