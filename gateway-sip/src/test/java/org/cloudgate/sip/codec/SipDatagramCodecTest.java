package org.cloudgate.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRejection;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SipDatagramCodecTest {
    private static final InetSocketAddress PBX = new InetSocketAddress("192.0.2.10", 5060);
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("192.0.2.1", 5060);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramEncoder(),
            new SipDatagramDecoder(SipDecoderConfig.DEFAULTS, new SipCodecMetrics(registry, "udp")),
            new SipRejectionResponder());

    @AfterEach
    void finish() {
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private void receive(byte[] octets) {
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(octets), GATEWAY, PBX));
    }

    @SuppressWarnings("unchecked")
    private AddressedEnvelope<SipMessage, InetSocketAddress> decoded() {
        return (AddressedEnvelope<SipMessage, InetSocketAddress>) channel.readInbound();
    }

    private double rejected(SipRejection reason) {
        return registry.get("cloudgate.sip.messages.rejected").tag("reason", reason.tag()).counter().count();
    }

    @Test
    void aDatagramInADirectBufferIsNotKeptByItsMessage() {
        byte[] invite = TestMessages.invite();
        ByteBuf direct = Unpooled.directBuffer(invite.length).writeBytes(invite);
        direct.retain();
        channel.writeInbound(new DatagramPacket(direct, GATEWAY, PBX));

        AddressedEnvelope<SipMessage, InetSocketAddress> envelope = decoded();
        assertThat(direct.refCnt()).as("receive buffer released once decoded").isEqualTo(1);
        direct.setByte(0, 'X');
        assertThat(((SipRequest) envelope.content()).method()).isEqualTo("INVITE");
        assertThat(envelope.content().callId()).isNotNull();
        envelope.release();
        direct.release();
    }

    @Test
    void oneDatagramIsOneMessageFromItsSender() {
        receive(TestMessages.invite());

        AddressedEnvelope<SipMessage, InetSocketAddress> envelope = decoded();
        assertThat(envelope.sender()).isEqualTo(PBX);
        assertThat(((SipRequest) envelope.content()).method()).isEqualTo("INVITE");
        assertThat(envelope.content().refCnt()).isEqualTo(1);
        envelope.release();
        assertThat(registry.get("cloudgate.sip.messages.decoded").counter().count()).isEqualTo(1);
    }

    @Test
    void trailingOctetsAfterContentLengthAreIgnored() {
        receive(TestMessages.rfc4475("TC_DBLREQ.dat"));

        AddressedEnvelope<SipMessage, InetSocketAddress> envelope = decoded();
        assertThat(((SipRequest) envelope.content()).method()).isEqualTo("REGISTER");
        assertThat(envelope.content().content().readableBytes()).isZero();
        envelope.release();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void withoutContentLengthTheBodyRunsToTheEndOfTheDatagram() {
        byte[] octets = TestMessages.rfc4475("TC_INV2543_I.dat");
        receive(octets);

        AddressedEnvelope<SipMessage, InetSocketAddress> envelope = decoded();
        String body = envelope.content().content().toString(StandardCharsets.UTF_8);
        assertThat(body).startsWith("v=0").endsWith("\r\n");
        envelope.release();
    }

    @Test
    void garbageIsDroppedAndCounted() {
        receive("\u0000\u0001 hello there\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        receive("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        receive("INVITE sip:truncated@example.com".getBytes(StandardCharsets.US_ASCII));

        assertThat((Object) channel.readInbound()).isNull();
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(rejected(SipRejection.NOT_SIP)).isEqualTo(2);
    }

    @Test
    void refusedRequestIsAnsweredToItsSenderAndNotPassedOn() {
        receive(TestMessages.rfc4475("TC_BADVERS_V.dat"));

        assertThat((Object) channel.readInbound()).isNull();
        DatagramPacket answer = channel.readOutbound();
        assertThat(answer.recipient()).isEqualTo(PBX);
        SipMessage response = TestMessages.decode(io.netty.buffer.ByteBufUtil.getBytes(answer.content()));
        answer.release();
        assertThat(((SipResponse) response).status()).isEqualTo(505);
        assertThat(response.callId()).isEqualTo("badvers.31417@c.example.com");
        assertThat(response.cseq().method()).isEqualTo("OPTIONS");
        assertThat(response.to().tag()).isNotBlank();
        assertThat(response.headers(HeaderName.VIA)).containsExactly("SIP/7.0/UDP c.example.com;branch=z9hG4bKkdjuw");
        response.release();
        assertThat(rejected(SipRejection.VERSION_NOT_SUPPORTED)).isEqualTo(1);
    }

    @Test
    void refusedResponseIsDroppedSilently() {
        receive(TestMessages.rfc4475("TC_BIGCODE_V.dat"));

        assertThat((Object) channel.readInbound()).isNull();
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(rejected(SipRejection.MALFORMED_STATUS_CODE)).isEqualTo(1);
    }

    @Test
    void encoderWritesOneDatagramToTheRecipient() {
        SipMessage message = TestMessages.decode(TestMessages.invite());
        message.setUri(HeaderName.FROM, "sip:+41315550100@gateway.example.com");

        channel.writeOutbound(new DefaultAddressedEnvelope<>(message, PBX));

        DatagramPacket packet = channel.readOutbound();
        assertThat(packet.recipient()).isEqualTo(PBX);
        assertThat(packet.content().toString(StandardCharsets.UTF_8))
                .contains("From: \"Alice Example\" <sip:+41315550100@gateway.example.com>;tag=8c1e5a7f\r\n");
        packet.release();
        assertThat(message.refCnt()).isZero();
    }
}
