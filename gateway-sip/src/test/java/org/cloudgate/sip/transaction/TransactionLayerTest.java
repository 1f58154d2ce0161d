package org.cloudgate.sip.transaction;

import io.netty.buffer.ByteBufAllocator;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four machines of RFC 3261 section 17 on a frozen clock: Netty's embedded event loop runs
 * the timers only when the test advances time, so every interval is checked exactly.
 */
class TransactionLayerTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.20", 5060);

    private final FrozenLoop clock = new FrozenLoop();
    private final RecordingTransport udp = new RecordingTransport(false);
    private final RecordingUser user = new RecordingUser();
    private final List<Integer> responses = new ArrayList<>();
    private TransactionLayer layer;

    @BeforeEach
    void createLayer() {
        layer = new TransactionLayer(clock.loop(), 0, TransactionTimers.RFC_3261, user,
                TransactionMetrics.none(), ByteBufAllocator.DEFAULT);
    }

    @AfterEach
    void close() {
        clock.close();
    }

    private void advance(long millis) {
        clock.advance(millis);
    }

    private ResponseListener recordStatus() {
        return (tx, response) -> responses.add(response.status());
    }

    @Test
    void inviteOverUdpIsResentWithDoublingIntervalsAndTimesOutWith408() {
        layer.send(Messages.invite("z9hG4bK-a"), PEER, udp, recordStatus());
        assertThat(udp.sent).hasSize(1);

        long[] expectedAt = {500, 1500, 3500, 7500, 15500, 31500};
        long now = 0;
        for (int i = 0; i < expectedAt.length; i++) {
            advance(expectedAt[i] - now - 1);
            assertThat(udp.sent).hasSize(i + 1);
            advance(1);
            assertThat(udp.sent).hasSize(i + 2);
            now = expectedAt[i];
        }
        advance(32_000 - now);

        assertThat(responses).containsExactly(408);
        assertThat(layer.size()).isZero();
    }

    @Test
    void nonInviteRetransmissionsCapAtT2AndTimerFGives408() {
        layer.send(Messages.request("OPTIONS", "z9hG4bK-o", null, 1, "a1"), PEER, udp, recordStatus());
        advance(500);
        advance(1000);
        advance(2000);
        advance(4000);
        advance(4000);
        assertThat(udp.sent).hasSize(6);

        advance(32_000 - 11_500);

        assertThat(responses).containsExactly(408);
        assertThat(layer.size()).isZero();
    }

    @Test
    void aProvisionalStopsInviteRetransmissionAndAFailureIsAcknowledgedInTheTransaction() {
        layer.send(Messages.invite("z9hG4bK-b"), PEER, udp, recordStatus());
        layer.receive(Messages.response(180, "Ringing", "INVITE", "z9hG4bK-b", "t9"), PEER, udp);
        advance(10_000);
        assertThat(udp.sent).hasSize(1);

        layer.receive(Messages.response(486, "Busy Here", "INVITE", "z9hG4bK-b", "t9"), PEER, udp);
        assertThat(udp.last()).startsWith("ACK sip:bob@192.0.2.20 SIP/2.0\r\n")
                .contains("Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-b\r\n", "To: <sip:bob@192.0.2.20>;tag=t9\r\n",
                        "CSeq: 1 ACK\r\n");
        layer.receive(Messages.response(486, "Busy Here", "INVITE", "z9hG4bK-b", "t9"), PEER, udp);

        assertThat(udp.count("ACK ")).isEqualTo(2);
        assertThat(responses).containsExactly(180, 486);
        advance(32_000);
        assertThat(layer.size()).isZero();
    }

    @Test
    void aRingingInviteOutlivesTimerBAndACancelBoundsIt() {
        InviteClientTransaction invite =
                (InviteClientTransaction) layer.send(Messages.invite("z9hG4bK-ring"), PEER, udp, recordStatus());
        layer.receive(Messages.response(180, "Ringing", "INVITE", "z9hG4bK-ring", "t7"), PEER, udp);
        advance(100_000);
        assertThat(responses).as("a callee may ring longer than 64*T1").containsExactly(180);

        invite.cancel((tx, r) -> { });
        layer.receive(Messages.response(180, "Ringing", "INVITE", "z9hG4bK-ring", "t7"), PEER, udp);
        advance(31_999);
        assertThat(responses).containsExactly(180, 180);
        advance(1);

        assertThat(responses).as("no final response 64*T1 after the CANCEL").containsExactly(180, 180, 408);
        assertThat(udp.count("CANCEL ")).as("the CANCEL and its retransmissions (timer E)").isGreaterThan(1);
    }

    @Test
    void timerCCancelsAnInviteThatStopsRinging() {
        layer.send(Messages.invite("z9hG4bK-c3"), PEER, udp, recordStatus());
        layer.receive(Messages.response(183, "Session Progress", "INVITE", "z9hG4bK-c3", "t8"), PEER, udp);
        advance(120_000);
        layer.receive(Messages.response(180, "Ringing", "INVITE", "z9hG4bK-c3", "t8"), PEER, udp);
        advance(InviteClientTransaction.TIMER_C_MILLIS - 1);
        assertThat(udp.count("CANCEL ")).isZero();
        advance(1);

        assertThat(udp.count("CANCEL ")).isOne();
        assertThat(responses).containsExactly(183, 180, 408);
    }

    @Test
    void a2xxIsPassedUpWithoutAckAndItsRetransmissionsToo() {
        layer.send(Messages.invite("z9hG4bK-c"), PEER, udp, recordStatus());
        layer.receive(Messages.response(200, "OK", "INVITE", "z9hG4bK-c", "t1"), PEER, udp);
        layer.receive(Messages.response(200, "OK", "INVITE", "z9hG4bK-c", "t1"), PEER, udp);

        assertThat(responses).containsExactly(200, 200);
        assertThat(udp.count("ACK ")).isZero();
        advance(32_000);
        assertThat(layer.size()).isZero();
    }

    @Test
    void aCancelWaitsForTheFirstProvisionalThenGoesWithTheInvitesBranch() {
        InviteClientTransaction invite =
                (InviteClientTransaction) layer.send(Messages.invite("z9hG4bK-d"), PEER, udp, recordStatus());
        List<Integer> cancelResponses = new ArrayList<>();
        invite.cancel((tx, r) -> cancelResponses.add(r.status()));
        assertThat(udp.count("CANCEL ")).isZero();

        layer.receive(Messages.response(180, "Ringing", "INVITE", "z9hG4bK-d", "t2"), PEER, udp);
        assertThat(udp.last()).startsWith("CANCEL sip:bob@192.0.2.20 SIP/2.0\r\n")
                .contains("branch=z9hG4bK-d", "CSeq: 1 CANCEL\r\n", "To: <sip:bob@192.0.2.20>\r\n");

        layer.receive(Messages.response(200, "OK", "CANCEL", "z9hG4bK-d", "t2"), PEER, udp);
        layer.receive(Messages.response(487, "Request Terminated", "INVITE", "z9hG4bK-d", "t2"), PEER, udp);

        assertThat(cancelResponses).containsExactly(200);
        assertThat(responses).containsExactly(180, 487);
        assertThat(udp.count("ACK ")).isEqualTo(1);
    }

    @Test
    void aServerInviteGetsTryingAndItsRetransmissionReachesTheUserOnce() {
        layer.receive(Messages.invite("z9hG4bK-e"), PEER, udp);
        layer.receive(Messages.invite("z9hG4bK-e"), PEER, udp);

        assertThat(user.requests).hasSize(1);
        assertThat(udp.count("SIP/2.0 100 Trying")).isEqualTo(2);
        assertThat(user.retransmissions).as("told, for the overload control").containsExactly("INVITE");
    }

    @Test
    void aServerFailureIsResentUntilItsAckArrives() {
        layer.receive(Messages.invite("z9hG4bK-f"), PEER, udp);
        ServerTransaction tx = user.transactions.get(0);
        respond(tx, 486, "Busy Here");
        advance(500);
        advance(1000);
        assertThat(udp.count("SIP/2.0 486")).isEqualTo(3);

        layer.receive(Messages.request("ACK", "z9hG4bK-f", "t1", 1, "a1"), PEER, udp);
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
        advance(4999);
        layer.receive(Messages.request("ACK", "z9hG4bK-f", "t1", 1, "a1"), PEER, udp);
        layer.receive(Messages.invite("z9hG4bK-f"), PEER, udp);
        assertThat(layer.size()).as("timer I runs").isOne();
        advance(1);

        assertThat(udp.count("SIP/2.0 486")).isEqualTo(3);
        assertThat(layer.size()).isZero();
        assertThat(user.acks).as("ACKs of a failure are the transaction's").isEmpty();
        assertThat(user.requests).hasSize(1);
    }

    @Test
    void anAcceptedInviteAbsorbsRetransmissionsAndPassesAcksOnUntilTimerL() {
        layer.receive(Messages.invite("z9hG4bK-l"), PEER, udp);
        respond(user.transactions.get(0), 200, "OK");
        advance(31_999);
        layer.receive(Messages.invite("z9hG4bK-l"), PEER, udp);
        layer.receive(Messages.request("ACK", "z9hG4bK-l", "t1", 1, "a1"), PEER, udp);
        layer.receive(Messages.request("CANCEL", "z9hG4bK-l", null, 1, "a1"), PEER, udp);
        layer.receive(Messages.invite("z9hG4bK-other"), PEER, udp);

        assertThat(user.requests).as("the retransmission absorbed, the merged request refused").hasSize(1);
        assertThat(user.retransmissions).as("the lingering transaction's absorbed retransmission").containsExactly("INVITE");
        assertThat(user.acks).hasSize(1);
        assertThat(user.cancels).as("a CANCEL after the final response does nothing").isZero();
        assertThat(udp.sent).extracting(message -> message.substring(0, message.indexOf("\r\n"))).containsExactly(
                "SIP/2.0 100 Trying", "SIP/2.0 200 OK", "SIP/2.0 200 OK", "SIP/2.0 482 Loop Detected");
        assertThat(layer.size()).isEqualTo(3);

        advance(1);
        assertThat(layer.size()).as("the CANCEL's and the 482's transactions run timer J").isEqualTo(2);
        layer.receive(Messages.invite("z9hG4bK-l"), PEER, udp);
        assertThat(user.requests).as("once timer L fired the same branch is a new request").hasSize(2);
    }

    @Test
    void anAcceptedClientInviteLetGoByItsUserAbsorbsLate2xxUntilTimerM() {
        ClientTransaction invite = layer.send(Messages.invite("z9hG4bK-m"), PEER, udp, recordStatus());
        layer.receive(Messages.response(200, "OK", "INVITE", "z9hG4bK-m", "t1"), PEER, udp);
        advance(10_000);
        invite.detach();
        layer.receive(Messages.response(200, "OK", "INVITE", "z9hG4bK-m", "t1"), PEER, udp);

        assertThat(responses).containsExactly(200);
        assertThat(user.strays).isZero();
        assertThat(layer.size()).isOne();
        advance(22_000);
        assertThat(layer.size()).isZero();
        layer.receive(Messages.response(200, "OK", "INVITE", "z9hG4bK-m", "t1"), PEER, udp);
        assertThat(user.strays).isOne();
    }

    @Test
    void timerHTellsTheUserTheAckNeverCame() {
        layer.receive(Messages.invite("z9hG4bK-g"), PEER, udp);
        respond(user.transactions.get(0), 603, "Decline");

        advance(32_000);

        assertThat(user.ackTimeouts).isEqualTo(1);
        assertThat(layer.size()).isZero();
    }

    @Test
    void aCancelIsAnswered200AndTheUserTold() {
        layer.receive(Messages.invite("z9hG4bK-h"), PEER, udp);
        layer.receive(Messages.request("CANCEL", "z9hG4bK-h", null, 1, "a1"), PEER, udp);

        assertThat(udp.last()).startsWith("SIP/2.0 200 OK\r\n").contains("CSeq: 1 CANCEL");
        assertThat(user.cancels).isEqualTo(1);
    }

    @Test
    void aCancelForNothingGets481() {
        layer.receive(Messages.request("CANCEL", "z9hG4bK-nothing", null, 1, "a1"), PEER, udp);

        assertThat(udp.last()).startsWith("SIP/2.0 481 ");
        assertThat(user.cancels).isZero();
    }

    @Test
    void aMergedRequestGets482() {
        layer.receive(Messages.invite("z9hG4bK-path1"), PEER, udp);
        layer.receive(Messages.invite("z9hG4bK-path2"), PEER, udp);

        assertThat(user.requests).hasSize(1);
        assertThat(udp.last()).startsWith("SIP/2.0 482 Loop Detected\r\n").contains("branch=z9hG4bK-path2");
    }

    @Test
    void aNonInviteFinalAnswersRetransmissionsUntilTimerJ() {
        layer.receive(Messages.request("OPTIONS", "z9hG4bK-i", null, 1, "a1"), PEER, udp);
        respond(user.transactions.get(0), 200, "OK");
        layer.receive(Messages.request("OPTIONS", "z9hG4bK-i", null, 1, "a1"), PEER, udp);

        assertThat(udp.count("SIP/2.0 200 OK")).isEqualTo(2);
        assertThat(user.requests).hasSize(1);
        advance(32_000);
        assertThat(layer.size()).isZero();
    }

    @Test
    void overAReliableTransportNothingIsResentAndCompletedEndsAtOnce() {
        RecordingTransport tcp = new RecordingTransport(true);
        layer.send(Messages.invite("z9hG4bK-j"), PEER, tcp, recordStatus());
        advance(10_000);
        assertThat(tcp.sent).hasSize(1);

        layer.receive(Messages.response(404, "Not Found", "INVITE", "z9hG4bK-j", "t3"), PEER, tcp);

        assertThat(tcp.count("ACK ")).isEqualTo(1);
        assertThat(layer.size()).isZero();
    }

    @Test
    void aTransportFailureIsA503() {
        udp.failWith = new java.io.IOException("network unreachable");

        layer.send(Messages.request("OPTIONS", "z9hG4bK-k", null, 1, "a1"), PEER, udp, recordStatus());

        assertThat(responses).containsExactly(503);
        assertThat(layer.size()).isZero();
    }

    @Test
    void theTopViaOfTheResponseTellsTheClientItsSourceAddressAndPort() {
        InetSocketAddress natted = new InetSocketAddress("198.51.100.7", 40123);
        layer.receive(Messages.parse("OPTIONS sip:gw@192.0.2.20 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-nat;rport, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-p\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK-q\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:a@10.0.0.5>;tag=1\r\nTo: <sip:gw@192.0.2.20>\r\n"
                + "Call-ID: nat@10.0.0.5\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"), natted, udp);
        respond(user.transactions.get(0), 200, "OK");

        assertThat(udp.last()).contains("Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK-nat;rport=40123"
                        + ";received=198.51.100.7, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-p\r\n"
                        + "Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK-q\r\n");
        assertThat(udp.destinations).last().isEqualTo(natted);
    }

    @Test
    void aViaThatNamesItsSourceIsLeftAsItIs() {
        layer.receive(Messages.request("OPTIONS", "z9hG4bK-same", null, 1, "a1"), new InetSocketAddress("192.0.2.10", 5060),
                udp);
        respond(user.transactions.get(0), 200, "OK");

        assertThat(udp.last()).contains("Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-same\r\n");
    }

    @Test
    void aResponseForNoTransactionGoesToTheUserAsStray() {
        layer.receive(Messages.response(200, "OK", "INVITE", "z9hG4bK-gone", "t1"), PEER, udp);

        assertThat(user.strays).isEqualTo(1);
    }

    private static void respond(ServerTransaction tx, int status, String reason) {
        SipResponse response = SipErrorResponse.of(tx.request(), status, reason);
        try {
            tx.respond(response);
        } finally {
            response.release();
        }
    }

    /** A transaction user that records what reaches it. */
    static final class RecordingUser implements TransactionUser {
        final List<String> requests = new ArrayList<>();
        final List<ServerTransaction> transactions = new ArrayList<>();
        final List<String> acks = new ArrayList<>();
        final List<String> retransmissions = new ArrayList<>();
        int cancels;
        int ackTimeouts;
        int strays;

        @Override
        public void onRequest(ServerTransaction transaction, SipRequest request) {
            requests.add(request.method());
            transactions.add(transaction);
        }

        @Override
        public void onCancel(ServerTransaction invite, SipRequest cancel) {
            cancels++;
        }

        @Override
        public void onAck(SipRequest ack, InetSocketAddress source) {
            acks.add(ack.callId());
        }

        @Override
        public void onStrayResponse(SipResponse response, InetSocketAddress source) {
            strays++;
        }

        @Override
        public void onRetransmission(SipRequest request) {
            retransmissions.add(request.method());
        }

        @Override
        public void onAckTimeout(ServerTransaction invite) {
            ackTimeouts++;
        }
    }
}
