package org.cloudgate.sip.trace;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTapTest {

    private static final InetSocketAddress PHONE = new InetSocketAddress("192.0.2.10", 40000);
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("192.0.2.1", 5060);

    @TempDir
    Path dir;

    private final SipTrace trace = new SipTrace(new SimpleMeterRegistry());

    /** A connection between the phone and the gateway; accepted by the gateway when it has a parent. */
    private static EmbeddedChannel connection(Channel parent, SipTrace trace) {
        return new EmbeddedChannel(parent, DefaultChannelId.newInstance(), true, false, new StreamTap(trace)) {
            @Override
            protected SocketAddress localAddress0() {
                return GATEWAY;
            }

            @Override
            protected SocketAddress remoteAddress0() {
                return PHONE;
            }
        };
    }

    private static io.netty.buffer.ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private List<PcapReader.Frame> stop() throws Exception {
        trace.close();
        return PcapReader.frames(dir.resolve("t.pcap"));
    }

    @Test
    void anAcceptedConnectionGetsAHandshakeFromThePeerAndConsecutiveSequenceNumbers() throws Exception {
        trace.apply(new SipTraceSettings(true, dir.resolve("t.pcap"), 1 << 20, 2, false));
        EmbeddedChannel listener = new EmbeddedChannel();
        EmbeddedChannel channel = connection(listener, trace);
        channel.writeInbound(text("OPTIONS sip"));
        channel.writeInbound(text(":gw SIP/2.0"));
        channel.writeOutbound(text("SIP/2.0 200 OK"));
        channel.finishAndReleaseAll();
        listener.finishAndReleaseAll();

        List<PcapReader.Frame> frames = stop();
        assertThat(frames).extracting(f -> f.source().getPort() + ">" + f.destination().getPort() + " seq "
                        + f.sequence() + " ack " + f.acknowledgement() + " flags " + f.flags() + " " + f.text())
                .containsExactly(
                        "40000>5060 seq 0 ack 0 flags 2 ",
                        "5060>40000 seq 0 ack 1 flags 18 ",
                        "40000>5060 seq 1 ack 1 flags 16 ",
                        "40000>5060 seq 1 ack 1 flags 24 OPTIONS sip",
                        "40000>5060 seq 12 ack 1 flags 24 :gw SIP/2.0",
                        "5060>40000 seq 1 ack 23 flags 24 SIP/2.0 200 OK");
        assertThat(frames).allMatch(PcapReader.Frame::tcp);
    }

    @Test
    void aConnectionTheGatewayOpenedHasTheGatewayAsClient() throws Exception {
        trace.apply(new SipTraceSettings(true, dir.resolve("t.pcap"), 1 << 20, 2, false));
        connection(null, trace).finishAndReleaseAll();

        assertThat(stop()).extracting(f -> f.source().getPort() + " " + f.flags())
                .containsExactly("5060 2", "40000 18", "5060 16");
    }

    @Test
    void aTraceStartedMidConnectionContinuesItsSequenceNumbers() throws Exception {
        EmbeddedChannel channel = connection(new EmbeddedChannel(), trace);
        channel.writeInbound(text("12345"));
        channel.writeOutbound(text("abc"));
        trace.apply(new SipTraceSettings(true, dir.resolve("t.pcap"), 1 << 20, 2, false));
        channel.writeInbound(text("678"));
        channel.finishAndReleaseAll();

        assertThat(stop()).extracting(f -> f.sequence() + "/" + f.acknowledgement() + " " + f.text())
                .containsExactly("6/4 678");
    }
}
