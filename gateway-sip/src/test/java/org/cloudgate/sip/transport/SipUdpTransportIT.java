package org.cloudgate.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.Epoll;
import io.netty.util.ReferenceCountUtil;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cloudgate.sip.codec.SipCodecMetrics;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.codec.TestMessages;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real UDP sockets on the loopback interface: receive, refuse, send. */
@Timeout(30)
class SipUdpTransportIT {
    private static final int WAIT_SECONDS = 5;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private SipUdpTransport transport;
    private DatagramSocket client;

    /** Records each accepted request as "METHOD from PORT" and releases it. */
    @ChannelHandler.Sharable
    private final class Recorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                @SuppressWarnings("unchecked")
                AddressedEnvelope<SipMessage, InetSocketAddress> envelope = (AddressedEnvelope<SipMessage, InetSocketAddress>) msg;
                received.add(((SipRequest) envelope.content()).method() + " from " + envelope.sender().getPort());
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        transport = new SipUdpTransport(new SipUdpTransport.Settings(loopback, 2, SipDecoderConfig.DEFAULTS),
                SipCodecMetrics.NONE, new Recorder());
        transport.start();
        client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client.setSoTimeout(WAIT_SECONDS * 1000);
    }

    @AfterEach
    void stop() {
        client.close();
        transport.stop();
    }

    private void sendToGateway(byte[] octets) throws Exception {
        client.send(new DatagramPacket(octets, octets.length, transport.localAddress()));
    }

    private String receiveAtClient() throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
        client.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void acceptedRequestReachesTheApplicationWithItsSender() throws Exception {
        sendToGateway(TestMessages.invite());

        assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("INVITE from " + client.getLocalPort());
    }

    @Test
    void refusedRequestIsAnsweredToItsSender() throws Exception {
        sendToGateway(TestMessages.rfc4475("TC_BADVERS_V.dat"));

        assertThat(receiveAtClient()).startsWith("SIP/2.0 505 Version Not Supported\r\n")
                .contains("Call-ID: badvers.31417@c.example.com\r\n");
        assertThat(received).isEmpty();
    }

    @Test
    void sentMessageArrivesAsOneDatagram() throws Exception {
        SipMessage invite = TestMessages.decode(TestMessages.invite());
        InetSocketAddress clientAddress = (InetSocketAddress) client.getLocalSocketAddress();

        transport.send(invite, clientAddress).sync();

        assertThat(receiveAtClient()).isEqualTo(new String(TestMessages.invite(), StandardCharsets.UTF_8));
    }

    @Test
    void nativeTransportLoadsOnLinux() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"));

        assertThat(SipUdpTransport.nativeTransport()).as(String.valueOf(Epoll.unavailabilityCause())).isTrue();
    }
}
