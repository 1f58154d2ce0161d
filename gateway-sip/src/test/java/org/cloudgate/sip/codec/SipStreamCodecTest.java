package org.cloudgate.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRejection;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

class SipStreamCodecTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new SipStreamEncoder(),
            new SipStreamDecoder(SipDecoderConfig.DEFAULTS, SipCodecMetrics.NONE, "tcp"), new SipRejectionResponder());

    private void receive(byte[] octets) {
        channel.writeInbound(Unpooled.wrappedBuffer(octets));
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuf all = Unpooled.buffer();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        byte[] octets = new byte[all.readableBytes()];
        all.readBytes(octets);
        return octets;
    }

    private String written() {
        ByteBuf out = Unpooled.buffer();
        for (Object piece; (piece = channel.readOutbound()) != null; ) {
            out.writeBytes((ByteBuf) piece);
            ((ByteBuf) piece).release();
        }
        String text = out.toString(StandardCharsets.UTF_8);
        out.release();
        return text;
    }

    @Test
    void messagesSplitAnywhereAreReassembled() {
        byte[] invite = TestMessages.invite();
        byte[] stream = concat(invite, "\r\n".getBytes(StandardCharsets.US_ASCII), invite);
        for (int i = 0; i < stream.length; i += 7) {
            receive(java.util.Arrays.copyOfRange(stream, i, Math.min(stream.length, i + 7)));
        }

        for (int n = 0; n < 2; n++) {
            SipMessage message = channel.readInbound();
            assertThat(message.rejection()).isNull();
            assertThat(message.content().readableBytes()).isEqualTo(message.contentLength());
            message.release();
        }
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void keepAlivePingGetsPong() {
        receive("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        receive("\r\n".getBytes(StandardCharsets.US_ASCII));
        receive("\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(written()).isEqualTo("\r\n\r\n");
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void afterAPingOfOurOwnALoneCrlfIsThePong() {
        java.util.concurrent.atomic.AtomicInteger pongs = new java.util.concurrent.atomic.AtomicInteger();
        channel.pipeline().get(SipStreamDecoder.class).awaitPong(pongs::incrementAndGet);

        receive("\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(pongs).hasValue(1);
        receive("\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(pongs).as("one pong per ping").hasValue(1);
        receive("\r\n".getBytes(StandardCharsets.US_ASCII));
        receive(TestMessages.invite());

        assertThat(written()).as("the peer's own ping is still answered").isEqualTo("\r\n");
        SipMessage invite = channel.readInbound();
        assertThat(invite.rejection()).isNull();
        invite.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void missingContentLengthIsAnswered400AndTheConnectionClosed() {
        receive(TestMessages.rfc4475("TC_INV2543_I.dat"));

        String answer = written();
        assertThat(answer).startsWith("SIP/2.0 400 " + SipRejection.MISSING_CONTENT_LENGTH.reasonPhrase() + "\r\n");
        assertThat(answer).contains("Call-ID: inv2543.1717@ift.client.example.com\r\n");
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void garbageClosesTheConnection() {
        receive(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, '\n'});

        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void malformedButFramedRequestIsAnsweredAndTheStreamGoesOn() {
        receive(concat(TestMessages.rfc4475("TC_MISMATCH01_V.dat"), TestMessages.invite()));

        assertThat(written()).startsWith("SIP/2.0 400 CSeq Method Mismatch\r\n");
        SipMessage invite = channel.readInbound();
        assertThat(((SipRequest) invite).method()).isEqualTo("INVITE");
        invite.release();
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void headerBlockOverTheLimitIsRefused413() {
        EmbeddedChannel small = new EmbeddedChannel(new SipStreamEncoder(),
                new SipStreamDecoder(new SipDecoderConfig(256, 256, 8, 1024), SipCodecMetrics.NONE, "tcp"),
                new SipRejectionResponder());
        small.writeInbound(Unpooled.wrappedBuffer(TestMessages.invite()));

        ByteBuf answer = small.readOutbound();
        assertThat(answer.toString(StandardCharsets.UTF_8)).startsWith("SIP/2.0 413 ");
        answer.release();
        assertThat(small.isOpen()).isFalse();
        small.finishAndReleaseAll();
    }

    @Test
    void decodeRewriteEncodeDecodeRoundTrip() {
        receive(TestMessages.invite());
        SipMessage invite = channel.readInbound();
        invite.setUri(HeaderName.FROM, "sip:+41315550100@gateway.example.com")
                .addHeader(HeaderName.DIVERSION, "<sip:4711@pbx.example.com>;reason=unconditional")
                .removeHeader("User-Agent");

        channel.writeOutbound(invite);
        ByteBuf encoded = channel.readOutbound();
        receive(io.netty.buffer.ByteBufUtil.getBytes(encoded));
        encoded.release();

        SipMessage again = channel.readInbound();
        assertThat(again.rejection()).isNull();
        assertThat(again.from().uri()).isEqualTo("sip:+41315550100@gateway.example.com");
        assertThat(again.from().tag()).isEqualTo("8c1e5a7f");
        assertThat(again.diversions().get(0).param("reason")).isEqualTo("unconditional");
        assertThat(again.header("User-Agent")).isNull();
        assertThat(again.content().toString(StandardCharsets.UTF_8)).startsWith("v=0\r\n").endsWith("a=sendrecv\r\n");
        again.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void responsesPassThrough() {
        receive(TestMessages.rfc4475("TC_NOREASON_V.dat"));

        SipResponse response = channel.readInbound();
        assertThat(response.status()).isEqualTo(100);
        response.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
