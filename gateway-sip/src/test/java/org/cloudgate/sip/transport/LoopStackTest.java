package org.cloudgate.sip.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopStackTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final UdpTransport udp = new UdpTransport(channel);
    private final StreamTransport tcp = new StreamTransport("TCP", channel.eventLoop(),
            new InetSocketAddress("127.0.0.1", 5060), NioSocketChannel.class, new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                }
            }, 1000);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void udpOrTcpSwitchesRequestsOver1300OctetsToTcp() {
        LoopStack stack = new LoopStack(null, udp, tcp, null);

        assertThat(stack.transportFor(TransportPolicy.UDP_OR_TCP, 1300)).isSameAs(udp);
        assertThat(stack.transportFor(TransportPolicy.UDP_OR_TCP, 1301)).isSameAs(tcp);
        assertThat(stack.transportFor(TransportPolicy.UDP, 5000)).isSameAs(udp);
        assertThat(stack.transportFor(TransportPolicy.TCP, 100)).isSameAs(tcp);
    }

    @Test
    void withoutTcpALargeRequestStaysOnUdpAndATcpPeerIsAnError() {
        LoopStack stack = new LoopStack(null, udp, null, null);

        assertThat(stack.transportFor(TransportPolicy.UDP_OR_TCP, 4000)).isSameAs(udp);
        assertThatThrownBy(() -> stack.transportFor(TransportPolicy.TCP, 100))
                .hasMessage("SIP over TCP is not enabled on this gateway");
    }
}
