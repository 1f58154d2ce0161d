package org.cloudgate.sip.transport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.CharsetUtil;
import org.cloudgate.sip.codec.SipDatagramFraming;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.trace.SipTrace;
import org.cloudgate.sip.transaction.Branch;
import org.cloudgate.sip.transaction.InviteClientTransaction;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transaction.TransactionTimers;
import org.cloudgate.sip.transaction.TransactionUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The SIP stack on real sockets, with SIPp and openssl as the peers. */
@Timeout(60)
class SipStackIT {

    @TempDir
    Path dir;

    private final EventLoopGroup group = Epoll.isAvailable()
            ? new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory())
            : new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final SipChannels channels = Epoll.isAvailable()
            ? new SipChannels(group, EpollDatagramChannel.class, EpollServerSocketChannel.class,
                    EpollSocketChannel.class, true)
            : new SipChannels(group, NioDatagramChannel.class, NioServerSocketChannel.class,
                    NioSocketChannel.class, false);
    private final ScriptedUser user = new ScriptedUser();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SipStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private SipStack start(TransactionTimers timers, Optional<TlsFiles> tls) throws SipListenerException {
        stack = SipStack.start(new SipStackSettings("127.0.0.1", 0, 0, tls.isPresent() ? 0 : SipStackSettings.DISABLED,
                tls, timers, SipDecoderConfig.DEFAULTS, Duration.ofSeconds(30), Duration.ofSeconds(2)),
                channels, user, registry, new SipTrace(registry));
        return stack;
    }

    private InetSocketAddress udpAddress() {
        return stack.loops().get(0).udp().localAddress();
    }

    @Test
    void aRetransmittedRequestWhoseResponseWasLostIsAnsweredWithoutReachingTheUserAgain() throws Exception {
        start(TransactionTimers.RFC_3261, Optional.empty());
        try (LossyUdpLink link = new LossyUdpLink(udpAddress(), 1);
             Sipp sipp = Sipp.client("uac-options.xml", "127.0.0.1:" + link.port(), dir)) {

            assertThat(sipp.awaitExit(20)).as("SIPp").isZero();

            assertThat(link.lost).hasValue(1);
            assertThat(link.towardServer.get()).isGreaterThanOrEqualTo(2);
            assertThat(user.requests).containsExactly("OPTIONS");
            assertThat(registry.get("cloudgate.sip.retransmissions.absorbed").counter().count()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void anInviteWhoseResponsesAreLostIsAbsorbedAndItsFailureAcknowledged() throws Exception {
        start(TransactionTimers.RFC_3261, Optional.empty());
        try (LossyUdpLink link = new LossyUdpLink(udpAddress(), 2);
             Sipp sipp = Sipp.client("uac-invite-busy.xml", "127.0.0.1:" + link.port(), dir)) {

            assertThat(sipp.awaitExit(20)).as("SIPp").isZero();
            assertThat(link.awaitAckTowardServer(Duration.ofSeconds(5))).as("SIPp's ACK passed on").isTrue();

            assertThat(user.requests).containsExactly("INVITE");
            assertThat(user.acksForFailures()).isZero();
            assertThat(stack.loops().stream().mapToInt(l -> l.layer().size()).sum()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aDatagramLargerThanTheUsualReceiveBufferIsReadWhole() throws Exception {
        start(TransactionTimers.RFC_3261, Optional.empty());
        String request = "OPTIONS sip:gateway@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-large1\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=l1\r\n"
                + "To: <sip:gateway@127.0.0.1>\r\n"
                + "Call-ID: large-1@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "X-Padding: " + "p".repeat(5000) + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(5000);
            byte[] octets = request.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            peer.send(new java.net.DatagramPacket(octets, octets.length, udpAddress()));
            byte[] buffer = new byte[2048];
            java.net.DatagramPacket answer = new java.net.DatagramPacket(buffer, buffer.length);
            peer.receive(answer);
            assertThat(new String(buffer, 0, answer.getLength(), java.nio.charset.StandardCharsets.US_ASCII))
                    .startsWith("SIP/2.0 200 OK\r\n");
        }
        assertThat(user.requests).containsExactly("OPTIONS");
    }

    @Test
    void aCancelFromThePeerEndsThePendingInviteWith487() throws Exception {
        start(TransactionTimers.RFC_3261, Optional.empty());
        try (Sipp sipp = Sipp.client("uac-invite-cancel.xml", "127.0.0.1:" + udpAddress().getPort(), dir)) {

            assertThat(sipp.awaitExit(20)).as("SIPp").isZero();

            assertThat(user.requests).containsExactly("INVITE");
            assertThat(user.cancels).hasSize(1);
        }
    }

    @Test
    void timersBAndFGive408ToTheUserWhenThePeerNeverAnswers() throws Exception {
        start(new TransactionTimers(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(500)),
                Optional.empty());
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent.setSoTimeout(200);
            InetSocketAddress peer = (InetSocketAddress) silent.getLocalSocketAddress();
            LoopStack loop = stack.loops().get(0);
            CompletableFuture<Integer> invite = new CompletableFuture<>();
            CompletableFuture<Integer> options = new CompletableFuture<>();

            loop.layer().loop().execute(() -> {
                loop.layer().send(request("INVITE", loop.udp(), loop.layer().newBranch()), peer, loop.udp(),
                        (tx, r) -> invite.complete(r.status()));
                loop.layer().send(request("OPTIONS", loop.udp(), loop.layer().newBranch()), peer, loop.udp(),
                        (tx, r) -> options.complete(r.status()));
            });

            assertThat(invite.get(10, TimeUnit.SECONDS)).isEqualTo(408);
            assertThat(options.get(10, TimeUnit.SECONDS)).isEqualTo(408);
            int invites = 0;
            int optionsSent = 0;
            byte[] buffer = new byte[4096];
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    silent.receive(packet);
                } catch (SocketTimeoutException drained) {
                    break;
                }
                String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                invites += text.startsWith("INVITE ") ? 1 : 0;
                optionsSent += text.startsWith("OPTIONS ") ? 1 : 0;
            }
            // Timer A doubles from T1 = 50 ms until timer B at 64*T1 = 3.2 s: sent at 0, 50, 150, 350, 750, 1550,
            // 3150 ms; the last one races timer B by 50 ms, which a loaded machine can lose.
            assertThat(invites).isBetween(6, 7);
            // Timer E doubles up to T2 = 400 ms until timer F: 0, 50, 150, 350, 750, then every 400 ms to 3.2 s.
            assertThat(optionsSent).isBetween(11, 13);
            assertThat(registry.get("cloudgate.sip.transaction.timeouts").counter().count()).isEqualTo(2);
        }
    }

    @Test
    void theGatewayCancelsItsPendingInviteAndAcknowledgesThe487() throws Exception {
        start(TransactionTimers.RFC_3261, Optional.empty());
        try (Sipp phone = Sipp.server("uas-ring-cancel.xml", dir)) {
            Thread.sleep(300);
            InetSocketAddress peer = new InetSocketAddress("127.0.0.1", phone.port);
            LoopStack loop = stack.loops().get(0);
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            CompletableFuture<Integer> cancelAnswer = new CompletableFuture<>();
            CompletableFuture<Integer> finalAnswer = new CompletableFuture<>();

            loop.layer().loop().execute(() -> loop.layer().send(
                    request("INVITE", loop.udp(), loop.layer().newBranch()), peer, loop.udp(),
                    (tx, r) -> {
                        statuses.add(r.status());
                        if (r.status() >= 200) {
                            finalAnswer.complete(r.status());
                        } else if (r.status() == 180) {
                            ((InviteClientTransaction) tx).cancel((c, answer) -> cancelAnswer.complete(answer.status()));
                        }
                    }));

            assertThat(phone.awaitExit(20)).as(phone.output()).isZero();
            assertThat(cancelAnswer.get(5, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(finalAnswer.get(5, TimeUnit.SECONDS)).isEqualTo(487);
            assertThat(statuses).containsSubsequence(180, 487);
        }
    }

    @Test
    void aResponseArrivingOnAnotherLoopsSocketFindsItsTransaction() throws Exception {
        start(TransactionTimers.RFC_3261, Optional.empty());
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(5000);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            LoopStack sender = stack.loops().get(stack.loops().size() - 1);
            CompletableFuture<Integer> answer = new CompletableFuture<>();
            sender.layer().loop().execute(() -> sender.layer().send(
                    request("OPTIONS", sender.udp(), sender.layer().newBranch()), peerAddress, sender.udp(),
                    (tx, r) -> answer.complete(r.status())));

            byte[] buffer = new byte[4096];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            peer.receive(packet);
            String request = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            String response = "SIP/2.0 200 OK\r\n" + request.lines()
                    .filter(line -> line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("To:")
                            || line.startsWith("Call-ID:") || line.startsWith("CSeq:"))
                    .map(line -> line + "\r\n").reduce("", String::concat) + "Content-Length: 0\r\n\r\n";
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            // The loops' sockets share one port and the kernel picks one by the sender's address:
            // from 16 source ports the response reaches every loop, and none may be left stray.
            for (int i = 0; i < 16; i++) {
                try (DatagramSocket other = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                    other.send(new DatagramPacket(bytes, bytes.length, sender.udp().localAddress()));
                }
            }

            assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(200);
            Thread.sleep(300);
            assertThat(registry.get("cloudgate.sip.responses.stray").counter().count()).isZero();
        }
    }

    @Test
    void aTlsClientCompletesATransaction() throws Exception {
        start(TransactionTimers.RFC_3261, Optional.of(OpensslPeer.selfSigned(dir)));
        int tlsPort = stack.loops().get(0).tls().localAddress().getPort();

        String options = "OPTIONS sip:gateway@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:5061;branch=" + Branch.next() + "\r\n"
                + "From: <sips:client@127.0.0.1>;tag=tls1\r\n"
                + "To: <sips:gateway@127.0.0.1>\r\n"
                + "Call-ID: tls-1@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        assertThat(OpensslPeer.statusLine(tlsPort, options)).isEqualTo("SIP/2.0 200 OK");
        assertThat(user.requests).containsExactly("OPTIONS");
    }

    private static SipRequest request(String method, SipTransport via, String branch) {
        InetSocketAddress local = via.localAddress();
        String text = method + " sip:phone@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/" + via.name() + " " + local.getHostString() + ":" + local.getPort()
                + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:gateway@127.0.0.1>;tag=gw" + System.nanoTime() + "\r\n"
                + "To: <sip:phone@127.0.0.1>\r\n"
                + "Call-ID: " + Branch.next() + "@127.0.0.1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:gateway@" + local.getHostString() + ":" + local.getPort() + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
        var buffer = Unpooled.copiedBuffer(text, CharsetUtil.UTF_8);
        try {
            return (SipRequest) new SipDatagramFraming(SipDecoderConfig.DEFAULTS).frame(buffer).message();
        } finally {
            buffer.release();
        }
    }

    /** A user agent with fixed answers: OPTIONS 200, "busy" 486, "ring" 180 and 487 when cancelled. */
    static final class ScriptedUser implements TransactionUser {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<String> cancels = new CopyOnWriteArrayList<>();
        final List<String> acks = new CopyOnWriteArrayList<>();

        @Override
        public void onRequest(ServerTransaction transaction, SipRequest request) {
            requests.add(request.method());
            String uri = request.requestUri();
            if ("OPTIONS".equals(request.method())) {
                answer(transaction, 200, "OK");
            } else if (uri.startsWith("sip:busy@")) {
                answer(transaction, 486, "Busy Here");
            } else if (uri.startsWith("sip:ring@")) {
                answer(transaction, 180, "Ringing");
            } else {
                answer(transaction, 404, "Not Found");
            }
        }

        @Override
        public void onCancel(ServerTransaction invite, SipRequest cancel) {
            cancels.add(cancel.callId());
            answer(invite, 487, "Request Terminated");
        }

        @Override
        public void onAck(SipRequest ack, InetSocketAddress source) {
            acks.add(ack.callId());
        }

        int acksForFailures() {
            return acks.size();
        }

        private static void answer(ServerTransaction transaction, int status, String reason) {
            SipResponse response = SipErrorResponse.of(transaction.request(), status, reason);
            try {
                transaction.respond(response);
            } finally {
                response.release();
            }
        }
    }
}
