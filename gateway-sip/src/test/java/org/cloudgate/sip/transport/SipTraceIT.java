package org.cloudgate.sip.transport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.trace.SipTrace;
import org.cloudgate.sip.trace.SipTraceSettings;
import org.cloudgate.sip.trace.Tshark;
import org.cloudgate.sip.transaction.Branch;
import org.cloudgate.sip.transaction.TransactionTimers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SIP trace of a running stack, read back by tshark: SIPp over UDP through a lossy link (so
 * retransmissions in both directions), a malformed request the codec answers, OPTIONS over TCP
 * split across writes, and OPTIONS over TLS, all decoded as SIP with correct checksums.
 */
@Timeout(90)
class SipTraceIT {

    @TempDir
    Path dir;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SipTrace trace = new SipTrace(registry);
    private SipStack stack;
    private int tcpClientPort;

    @AfterEach
    void stop() {
        trace.close();
        if (stack != null) {
            stack.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void everyMessageOverUdpTcpAndTlsIsTracedAsTsharkDecodesIt() throws Exception {
        Path file = dir.resolve("sip-trace.pcap");
        trace.apply(new SipTraceSettings(true, file, 50L << 20, 2, false));
        stack = SipStack.start(new SipStackSettings("127.0.0.1", 0, 0, 0, Optional.of(OpensslPeer.selfSigned(dir)),
                        TransactionTimers.RFC_3261, SipDecoderConfig.DEFAULTS, Duration.ofSeconds(30),
                        Duration.ofSeconds(2)),
                new SipChannels(group, NioDatagramChannel.class, NioServerSocketChannel.class, NioSocketChannel.class,
                        false),
                new SipStackIT.ScriptedUser(), registry, trace);
        LoopStack loop = stack.loops().get(0);
        int udpPort = loop.udp().localAddress().getPort();
        int tcpPort = loop.tcp().localAddress().getPort();
        int tlsPort = loop.tls().localAddress().getPort();

        try (LossyUdpLink link = new LossyUdpLink(loop.udp().localAddress(), 2);
             Sipp sipp = Sipp.client("uac-invite-busy.xml", "127.0.0.1:" + link.port(), dir)) {
            assertThat(sipp.awaitExit(30)).as("SIPp").isZero();
            assertThat(link.awaitAckTowardServer(Duration.ofSeconds(5))).as("SIPp's ACK passed on").isTrue();
        }
        assertThat(udpExchange(udpPort, options("udp-bad").replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS")))
                .startsWith("SIP/2.0 400 ");
        assertThat(tcpExchange(tcpPort, options("tcp-1"))).isEqualTo("SIP/2.0 200 OK");
        assertThat(OpensslPeer.statusLine(tlsPort, options("tls-1"))).isEqualTo("SIP/2.0 200 OK");
        stack.close();
        stack = null;
        trace.close();

        Tshark tshark = Tshark.reading(file);
        List<String> dialog = tshark.fields("sip", "sip.Method", "sip.Status-Code", "sip.Call-ID");
        List<String> invite = dialog.stream().filter(line -> !line.contains("-1@") && !line.contains("udp-bad"))
                .map(line -> line.substring(0, line.lastIndexOf('\t'))).toList();
        // A 486 retransmission (timer G) may still leave while the ACK is on its way to the
        // transaction's loop: the ACK need not be the last line, only come after the first 486.
        assertThat(invite).as(String.join("\n", dialog)).startsWith("INVITE\t").contains("\t100", "ACK\t");
        assertThat(invite.indexOf("ACK\t")).isGreaterThan(invite.indexOf("\t486"));
        assertThat(invite.stream().filter(line -> line.equals("INVITE\t")).count())
                .as("SIPp's INVITE and its retransmission").isGreaterThanOrEqualTo(2);
        assertThat(invite.stream().filter(line -> line.equals("\t486")).count())
                .as("the 486 the link lost, and the retransmission").isGreaterThanOrEqualTo(2);
        assertThat(dialog).contains("OPTIONS\t\tudp-bad@127.0.0.1", "\t400\tudp-bad@127.0.0.1",
                "OPTIONS\t\ttcp-1@127.0.0.1", "\t200\ttcp-1@127.0.0.1",
                "OPTIONS\t\ttls-1@127.0.0.1", "\t200\ttls-1@127.0.0.1");
        assertThat(tshark.fields("sip.CSeq.method == \"OPTIONS\" && tcp", "tcp.srcport", "tcp.dstport"))
                .contains(tcpClientPort + "\t" + tcpPort, tcpPort + "\t" + tcpClientPort);
        assertThat(tshark.problems()).isEmpty();
        assertThat(registry.get("cloudgate.sip.trace.dropped").tag("reason", "queue-full").counter().count()).isZero();
    }

    private static String options(String callId) {
        return "OPTIONS sip:gateway@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:40000;branch=" + Branch.next() + "\r\n"
                + "From: <sip:client@127.0.0.1>;tag=" + callId + "\r\n"
                + "To: <sip:gateway@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String udpExchange(int port, String request) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            byte[] octets = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(octets, octets.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
            socket.receive(answer);
            return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII);
        }
    }

    /** Sends the request in two writes and returns the status line. */
    private String tcpExchange(int port, String request) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            tcpClientPort = socket.getLocalPort();
            socket.setSoTimeout(5000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            int half = request.length() / 2;
            out.write(request.substring(0, half).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            out.write(request.substring(half).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
