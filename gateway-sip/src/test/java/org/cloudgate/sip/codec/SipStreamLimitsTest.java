package org.cloudgate.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.cloudgate.sip.message.SipRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stream limits: each refusal is counted with its reason and ends the connection. */
class SipStreamLimitsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private EmbeddedChannel channel(SipDecoderConfig config) {
        return new EmbeddedChannel(new SipStreamEncoder(),
                new SipStreamDecoder(config, new SipCodecMetrics(registry, "tcp"), "tcp"), new SipRejectionResponder());
    }

    private double rejected(SipRejection reason) {
        return registry.get("cloudgate.sip.messages.rejected").tag("transport", "tcp").tag("reason", reason.tag()).counter().count();
    }

    @Test
    void startLineOverTheLimitClosesWithoutAnswer() {
        EmbeddedChannel channel = channel(new SipDecoderConfig(64, 4096, 32, 4096));
        channel.writeInbound(Unpooled.copiedBuffer("INVITE sip:" + "a".repeat(100) + "@example.com SIP/2.0\r\n",
                StandardCharsets.US_ASCII));

        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
        assertThat(rejected(SipRejection.START_LINE_TOO_LONG)).isEqualTo(1);
        channel.finishAndReleaseAll();
    }

    static Stream<Arguments> limitsOverrun() {
        return Stream.of(
                Arguments.of(new SipDecoderConfig(4096, 4096, 32, 100), SipRejection.BODY_TOO_LARGE),
                Arguments.of(new SipDecoderConfig(4096, 4096, 8, 4096), SipRejection.TOO_MANY_HEADERS),
                Arguments.of(new SipDecoderConfig(4096, 256, 32, 4096), SipRejection.HEADERS_TOO_LARGE));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("limitsOverrun")
    void requestOverALimitIsAnswered413AndClosed(SipDecoderConfig config, SipRejection reason) {
        EmbeddedChannel channel = channel(config);
        channel.writeInbound(Unpooled.wrappedBuffer(TestMessages.invite()));

        ByteBuf answer = channel.readOutbound();
        assertThat(answer.toString(StandardCharsets.UTF_8)).startsWith("SIP/2.0 413 " + reason.reasonPhrase() + "\r\n");
        answer.release();
        assertThat(channel.isOpen()).isFalse();
        assertThat(rejected(reason)).isEqualTo(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void acceptedMessagesAreCounted() {
        EmbeddedChannel channel = channel(SipDecoderConfig.DEFAULTS);
        channel.writeInbound(Unpooled.wrappedBuffer(TestMessages.invite()));

        ((io.netty.util.ReferenceCounted) channel.readInbound()).release();
        assertThat(registry.get("cloudgate.sip.messages.decoded").tag("transport", "tcp").counter().count()).isEqualTo(1);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
