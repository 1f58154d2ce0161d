package org.cloudgate.sip.registration;

import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cloudgate.sip.auth.DigestAuthenticator;
import org.cloudgate.sip.auth.DigestChallengeKind;
import org.cloudgate.sip.auth.DigestSecret;
import org.cloudgate.sip.auth.DigestSettings;
import org.cloudgate.sip.auth.SipRequests;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.registration.PbxRegistration.State;
import org.cloudgate.sip.transaction.FrozenLoop;
import org.cloudgate.sip.transaction.RecordingTransport;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transaction.TransactionLayer;
import org.cloudgate.sip.transaction.TransactionMetrics;
import org.cloudgate.sip.transaction.TransactionTimers;
import org.cloudgate.sip.transaction.TransactionUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client registration toward the PBX on Netty's embedded event loop, with the gateway's own
 * digest authenticator playing the PBX's registrar, so the credentials sent are really checked.
 */
class PbxRegistrationTest {

    private static final InetSocketAddress PBX = new InetSocketAddress("192.0.2.50", 5060);

    private final FrozenLoop clock = new FrozenLoop();
    private final RecordingTransport udp = new RecordingTransport(false);
    private DigestAuthenticator pbxAuth;
    private TransactionLayer layer;
    private PbxRegistration registration;

    @BeforeEach
    void start() {
        pbxAuth = new DigestAuthenticator(DigestSettings.of("pbx.example"),
                Map.of("201", DigestSecret.password("terminal-secret"))::get,
                () -> TimeUnit.NANOSECONDS.toMillis(clock.nanoTime()));
        layer = new TransactionLayer(clock.loop(), 0, TransactionTimers.RFC_3261, new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction transaction, SipRequest request) {
            }

            @Override
            public void onCancel(ServerTransaction invite, SipRequest cancel) {
            }

            @Override
            public void onAck(SipRequest ack, InetSocketAddress source) {
            }
        }, TransactionMetrics.none(), ByteBufAllocator.DEFAULT);
        registration = new PbxRegistration(layer, udp, new PbxTerminal("sip:201@pbx.example",
                "sip:201@198.51.100.1:5060", "201", DigestSecret.password("terminal-secret"), PBX),
                new PbxRegistrationSettings(3600, Duration.ofSeconds(2), Duration.ofMinutes(5), 0));
    }

    @AfterEach
    void stop() {
        clock.close();
    }

    private void advance(long millis) {
        clock.advance(millis);
    }

    private SipRequest lastRequest() {
        return (SipRequest) SipRequests.parse(udp.last());
    }

    /** The PBX answers the last REGISTER with {@code response} made from it. */
    private void answer(java.util.function.Function<SipRequest, SipResponse> pbx) {
        SipRequest request = lastRequest();
        SipResponse response = pbx.apply(request);
        request.release();
        layer.receive(SipRequests.parse(new String(encode(response), java.nio.charset.StandardCharsets.UTF_8)), PBX, udp);
        response.release();
    }

    private static byte[] encode(SipResponse response) {
        var buffer = response.encode(ByteBufAllocator.DEFAULT);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        buffer.release();
        return bytes;
    }

    private SipResponse challenge(SipRequest request) {
        return pbxAuth.challenge(request, DigestChallengeKind.ORIGIN, false);
    }

    /** 200 granting {@code seconds}, if the credentials are right, else 403. */
    private SipResponse grant(SipRequest request, long seconds) {
        if (!pbxAuth.verify(request, DigestChallengeKind.ORIGIN).authenticated()) {
            return SipErrorResponse.of(request, 403, "Forbidden");
        }
        SipResponse ok = SipErrorResponse.of(request, 200, "OK");
        ok.addHeader(HeaderName.CONTACT, "<sip:201@198.51.100.1:5060>;expires=" + seconds);
        return ok;
    }

    private void registerWithChallenge(long grantedSeconds) {
        answer(this::challenge);
        answer(request -> grant(request, grantedSeconds));
    }

    @Test
    void answersTheChallengeOnceThenRefreshesAtHalfTheGrantedTime() {
        registration.start();
        advance(0);
        assertThat(udp.last()).startsWith("REGISTER sip:pbx.example SIP/2.0\r\n")
                .contains("From: <sip:201@pbx.example>;tag=", "To: <sip:201@pbx.example>\r\n", "CSeq: 1 REGISTER\r\n",
                        "Contact: <sip:201@198.51.100.1:5060>\r\n", "Expires: 3600\r\n")
                .doesNotContain("Authorization");
        String callId = lastRequest().callId();

        registerWithChallenge(120);

        assertThat(udp.sent.get(1)).contains("CSeq: 2 REGISTER\r\n", "Authorization: Digest username=\"201\"",
                "algorithm=SHA-256", "qop=auth");
        assertThat(registration.status()).isEqualTo(new PbxRegistration.Status(State.REGISTERED, 200, "OK", 120));
        advance(59_999);
        assertThat(udp.sent).hasSize(2);
        advance(1);
        assertThat(udp.sent).hasSize(3);
        assertThat(udp.last()).contains("CSeq: 3 REGISTER\r\n", "Call-ID: " + callId + "\r\n");
        assertThat(registration.status().state()).isEqualTo(State.REGISTERED);
    }

    @Test
    void aSecondChallengeInOneAttemptFailsAndTheRetryWaitDoubles() {
        registration.start();
        advance(0);
        answer(this::challenge);
        answer(this::challenge);
        assertThat(registration.status().state()).isEqualTo(State.FAILED);
        assertThat(registration.status().lastStatus()).isEqualTo(401);
        assertThat(udp.sent).hasSize(2);

        advance(2_000);
        assertThat(udp.sent).hasSize(3);
        answer(request -> SipErrorResponse.of(request, 503, "Service Unavailable"));
        advance(3_999);
        assertThat(udp.sent).hasSize(3);
        advance(1);
        assertThat(udp.sent).hasSize(4);
    }

    @Test
    void aPbxThatNeverAnswersIsA408AndARetry() {
        registration.start();
        advance(0);
        advance(32_000);

        assertThat(registration.status().state()).isEqualTo(State.FAILED);
        assertThat(registration.status().lastStatus()).isEqualTo(408);
        int sent = udp.sent.size();
        advance(2_000);
        assertThat(udp.sent).hasSize(sent + 1);
        assertThat(udp.last()).startsWith("REGISTER ");
    }

    @Test
    void a423RaisesTheRequestedTimeToMinExpires() {
        registration.start();
        advance(0);
        answer(request -> {
            SipResponse brief = SipErrorResponse.of(request, 423, "Interval Too Brief");
            brief.setHeader("Min-Expires", "7200");
            return brief;
        });

        assertThat(udp.last()).contains("Expires: 7200\r\n", "CSeq: 2 REGISTER\r\n");
    }

    @Test
    void stopRemovesTheBindingWithExpiresZero() {
        registration.start();
        advance(0);
        registerWithChallenge(600);

        var stopped = registration.stop();
        advance(0);
        assertThat(udp.last()).contains("Expires: 0\r\n", "Contact: <sip:201@198.51.100.1:5060>\r\n");
        assertThat(stopped).isNotDone();
        registerWithChallenge(0);

        assertThat(stopped).isDone();
        assertThat(registration.status().state()).isEqualTo(State.STOPPED);
        advance(600_000);
        assertThat(udp.last()).contains("Expires: 0\r\n");
    }

    @Test
    void aBindingGrantedBeforeAFailedRefreshIsStillRemovedOnStop() {
        registration.start();
        advance(0);
        registerWithChallenge(120);
        advance(60_000);
        answer(request -> SipErrorResponse.of(request, 503, "Service Unavailable"));
        assertThat(registration.status().state()).isEqualTo(State.FAILED);

        var stopped = registration.stop();
        advance(0);

        assertThat(udp.last()).contains("Expires: 0\r\n");
        registerWithChallenge(0);
        assertThat(stopped).isDone();
    }

    @Test
    void stopBeforeAnyBindingSendsNothing() {
        assertThat(registration.stop()).isNotDone();
        advance(0);

        assertThat(registration.status().state()).isEqualTo(State.STOPPED);
        assertThat(udp.sent).isEmpty();
    }

    @Test
    void jitterOnlyEverShortensTheWait() {
        PbxRegistration jittered = new PbxRegistration(layer, udp, registration.terminal(),
                new PbxRegistrationSettings(3600, Duration.ofSeconds(8), Duration.ofMinutes(5), 0.5));
        jittered.start();
        advance(0);
        answer(request -> SipErrorResponse.of(request, 503, "Service Unavailable"));
        advance(3_999);
        assertThat(udp.sent).hasSize(1);

        advance(4_001);

        assertThat(udp.sent).hasSize(2);
    }

    @Test
    void theSecretNeverShows() {
        assertThat(registration.terminal().toString()).doesNotContain("terminal-secret");
        assertThat(registration.toString()).doesNotContain("terminal-secret");
    }
}
