package org.cloudgate.rtp.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RtpHeaderTest {

    private static ByteBuf bytes(int... values) {
        ByteBuf buf = Unpooled.buffer(values.length);
        for (int value : values) {
            buf.writeByte(value);
        }
        return buf;
    }

    @Test
    void readsFixedHeaderFields() {
        ByteBuf rtp = bytes(0x80, 0x88, 0xff, 0xfe, 0x00, 0x00, 0x01, 0x40, 0xde, 0xad, 0xbe, 0xef, 0xd5);

        assertThat(RtpHeader.isRtp(rtp)).isTrue();
        assertThat(RtpHeader.marker(rtp)).isTrue();
        assertThat(RtpHeader.payloadType(rtp)).isEqualTo(8);
        assertThat(RtpHeader.sequence(rtp)).isEqualTo(65534);
        assertThat(RtpHeader.timestamp(rtp)).isEqualTo(320);
        assertThat(RtpHeader.ssrc(rtp)).isEqualTo(0xdeadbeefL);
    }

    @Test
    void shortOrWrongVersionIsNotRtp() {
        assertThat(RtpHeader.isRtp(bytes(0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0))).isFalse();
        assertThat(RtpHeader.isRtp(bytes(0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0))).isFalse();
        assertThat(RtpHeader.isRtp(bytes(0x00, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0))).isFalse();
        assertThat(RtpHeader.isRtp(Unpooled.EMPTY_BUFFER)).isFalse();
    }

    @Test
    void rtcpNeedsVersionTwoAndAnRtcpPacketType() {
        ByteBuf receiverReport = bytes(0x80, 201, 0x00, 0x01, 0x12, 0x34, 0x56, 0x78);

        assertThat(RtpHeader.isRtcp(receiverReport)).isTrue();
        assertThat(RtpHeader.rtcpSenderSsrc(receiverReport)).isEqualTo(0x12345678L);
        assertThat(RtpHeader.isRtcp(bytes(0x80, 0x00, 0, 1, 0, 0, 0, 0))).isFalse();
        assertThat(RtpHeader.isRtcp(bytes(0x80, 200, 0, 1))).isFalse();
    }
}
