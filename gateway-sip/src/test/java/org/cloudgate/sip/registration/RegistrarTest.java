package org.cloudgate.sip.registration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cloudgate.sip.auth.DigestAuthenticator;
import org.cloudgate.sip.auth.DigestClient;
import org.cloudgate.sip.auth.DigestSecret;
import org.cloudgate.sip.auth.DigestSettings;
import org.cloudgate.sip.auth.SipRequests;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
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
 * The registrar's rules (RFC 3261 section 10.3) through a real transaction layer on Netty's
 * embedded event loop, whose clock moves only when the test says, so expiry is exact.
 */
class RegistrarTest {

    private static final InetSocketAddress PHONE = new InetSocketAddress("203.0.113.7", 40123);
    private static final String ALICE_PHONE = "Contact: <sip:alice@10.0.0.5:5062>";

    private final FrozenLoop clock = new FrozenLoop();
    private final RecordingTransport udp = new RecordingTransport(false);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> events = new ArrayList<>();
    private final DigestClient alice = new DigestClient("alice", DigestSecret.password("wonderland"));
    private Registrar registrar;
    private TransactionLayer layer;
    private List<String> challenges = List.of();

    @BeforeEach
    void start() {
        DigestAuthenticator authenticator = new DigestAuthenticator(
                new DigestSettings("gateway.example", DigestSettings.RFC_8760_ORDER, Duration.ofMinutes(5), 100),
                user -> {
                    if ("crash".equals(user)) {
                        throw new IllegalStateException("user directory unavailable");
                    }
                    return Map.of("alice", DigestSecret.password("wonderland"), "bob", DigestSecret.password("builder"))
                            .get(user);
                },
                () -> TimeUnit.NANOSECONDS.toMillis(clock.nanoTime()));
        registrar = new Registrar(clock.loop(), RegistrarSettings.DEFAULTS, authenticator, new RegistrationListener() {
            @Override
            public void firstBinding(String user, Binding binding) {
                events.add("first " + user);
            }

            @Override
            public void lastBindingGone(String user) {
                events.add("gone " + user);
            }
        }, new RegistrarMetrics(registry));
        layer = new TransactionLayer(clock.loop(), 0, TransactionTimers.RFC_3261, new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction transaction, SipRequest request) {
                registrar.register(transaction, request);
            }

            @Override
            public void onCancel(ServerTransaction invite, SipRequest cancel) {
            }

            @Override
            public void onAck(SipRequest ack, InetSocketAddress source) {
            }
        }, TransactionMetrics.none(), ByteBufAllocator.DEFAULT);
    }

    @AfterEach
    void stop() {
        registrar.stop();
        clock.close();
    }

    private void advanceSeconds(long seconds) {
        clock.advance(TimeUnit.SECONDS.toMillis(seconds));
    }

    /** Sends a REGISTER as {@code user}, with credentials for the last challenge if there was one. */
    private String register(String user, String callId, long cseq, String headers) {
        DigestClient client = "bob".equals(user) ? new DigestClient("bob", DigestSecret.password("builder")) : alice;
        String authorization = challenges.isEmpty() ? null : client.answer(challenges, "REGISTER", "sip:gateway.example");
        return send(SipRequests.register(user, callId, cseq, headers
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")));
    }

    private String send(SipRequest request) {
        layer.receive(request, PHONE, udp);
        String response = udp.last();
        if (response.startsWith("SIP/2.0 401")) {
            SipResponse parsed = (SipResponse) SipRequests.parse(response);
            challenges = parsed.headers(HeaderName.WWW_AUTHENTICATE);
            parsed.release();
        }
        return response;
    }

    /**
     * Gets a challenge, then registers {@code toUser}'s address-of-record with the credentials
     * of {@code username} and {@code password}.
     */
    private String registerAs(String toUser, String username, String password) {
        register("alice", "c1", 1, ALICE_PHONE + "\r\n");
        String authorization = new DigestClient(username, DigestSecret.password(password))
                .answer(challenges, "REGISTER", "sip:gateway.example");
        return send(SipRequests.register(toUser, "c1", 2, ALICE_PHONE + "\r\nAuthorization: " + authorization + "\r\n"));
    }

    /** Gets a challenge, then registers with its credentials. */
    private String registerAuthenticated(String user, String callId, long cseq, String headers) {
        assertThat(register(user, callId, cseq, headers)).startsWith("SIP/2.0 401 Unauthorized\r\n");
        return register(user, callId, cseq + 1, headers);
    }

    private double attempts(String result) {
        return registry.get("cloudgate.sip.registration.attempts").tag("result", result).counter().count();
    }

    @Test
    void aRegisterIsChallengedThenBoundWithTheSourceAddressAndTransport() {
        String challenge = register("alice", "c1", 1, ALICE_PHONE + ";expires=600\r\n");
        assertThat(challenge).startsWith("SIP/2.0 401 Unauthorized\r\n");
        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0)).contains("algorithm=SHA-256", "qop=\"auth\"");
        assertThat(challenges.get(1)).contains("algorithm=MD5");

        String ok = register("alice", "c1", 2, ALICE_PHONE + ";expires=600\r\n");

        assertThat(ok).startsWith("SIP/2.0 200 OK\r\n").contains("Contact: <sip:alice@10.0.0.5:5062>;expires=600\r\n");
        assertThat(udp.destinations).containsOnly(PHONE);
        List<Binding> bindings = registrar.bindings("alice");
        assertThat(bindings).hasSize(1);
        assertThat(bindings.get(0).source()).isEqualTo(PHONE);
        assertThat(bindings.get(0).transport()).isSameAs(udp);
        assertThat(bindings.get(0).contact().uri()).isEqualTo("sip:alice@10.0.0.5:5062");
        assertThat(events).containsExactly("first alice");
        assertThat(registry.get("cloudgate.sip.registrations.active").gauge().value()).isEqualTo(1);
        assertThat(attempts("unauthorized")).isEqualTo(1);
        assertThat(attempts("ok")).isEqualTo(1);
    }

    @Test
    void aBindingExpiresOnTheLoopUnlessRefreshed() {
        registerAuthenticated("alice", "c1", 1, ALICE_PHONE + "\r\nExpires: 200\r\n");
        advanceSeconds(150);
        assertThat(register("alice", "c1", 3, ALICE_PHONE + "\r\nExpires: 200\r\n"))
                .contains("Contact: <sip:alice@10.0.0.5:5062>;expires=200\r\n");

        advanceSeconds(150);
        assertThat(registrar.bindings("alice")).hasSize(1);
        assertThat(events).containsExactly("first alice");

        advanceSeconds(51);
        assertThat(registrar.bindings("alice")).isEmpty();
        assertThat(events).containsExactly("first alice", "gone alice");
        assertThat(registry.get("cloudgate.sip.registrations.active").gauge().value()).isZero();
    }

    @Test
    void anExpiredNonceIsChallengedAgainWithStale() {
        registerAuthenticated("alice", "c1", 1, ALICE_PHONE + "\r\n");
        advanceSeconds(301);

        String answer = register("alice", "c1", 3, ALICE_PHONE + "\r\n");

        assertThat(answer).startsWith("SIP/2.0 401 Unauthorized\r\n").contains(", stale=true");
        assertThat(registry.get("cloudgate.sip.digest.failures").tag("reason", "stale-nonce").counter().count())
                .isEqualTo(1);
        assertThat(register("alice", "c1", 4, ALICE_PHONE + "\r\n")).startsWith("SIP/2.0 200 OK\r\n");
    }

    @Test
    void tooShortIsRefusedWith423AndTooLongIsShortened() {
        String brief = registerAuthenticated("alice", "c1", 1, ALICE_PHONE + ";expires=10\r\n");
        assertThat(brief).startsWith("SIP/2.0 423 Interval Too Brief\r\n").contains("Min-Expires: 60\r\n");
        assertThat(registrar.bindings("alice")).isEmpty();

        String capped = register("alice", "c1", 3, ALICE_PHONE + ";expires=86400\r\n");
        assertThat(capped).contains("Contact: <sip:alice@10.0.0.5:5062>;expires=3600\r\n");
        assertThat(attempts("interval-too-brief")).isEqualTo(1);
    }

    @Test
    void aUserRegistersOnlyItsOwnAddressOfRecord() {
        String forbidden = registerAs("bob", "alice", "wonderland");

        assertThat(forbidden).startsWith("SIP/2.0 403 Forbidden\r\n");
        assertThat(registrar.bindings("bob")).isEmpty();
        assertThat(attempts("forbidden")).isEqualTo(1);
    }

    @Test
    void severalClientsOfOneUserAreBoundAndRemovedOneByOneOrAllAtOnce() {
        registerAuthenticated("alice", "desk", 1, ALICE_PHONE + "\r\n");
        String second = register("alice", "mobile", 1, "Contact: <sip:alice@10.0.0.9:5070;transport=tcp>\r\n");
        assertThat(second).contains("Contact: <sip:alice@10.0.0.5:5062>;expires=3600\r\n",
                "Contact: <sip:alice@10.0.0.9:5070;transport=tcp>;expires=3600\r\n");
        assertThat(registrar.bindings("alice")).hasSize(2);

        String one = register("alice", "desk", 3, ALICE_PHONE + ";expires=0\r\n");
        assertThat(one).doesNotContain("10.0.0.5").contains("10.0.0.9");
        assertThat(events).containsExactly("first alice");

        String query = register("alice", "desk", 4, "");
        assertThat(query).startsWith("SIP/2.0 200 OK\r\n").contains("10.0.0.9");

        String all = register("alice", "desk", 5, "Contact: *\r\nExpires: 0\r\n");
        assertThat(all).startsWith("SIP/2.0 200 OK\r\n").doesNotContain("Contact:");
        assertThat(registrar.bindings("alice")).isEmpty();
        assertThat(events).containsExactly("first alice", "gone alice");
    }

    @Test
    void unbindingAUserRemovesEveryBindingOnceAndTellsTheListener() {
        registerAuthenticated("alice", "desk", 1, ALICE_PHONE + "\r\n");
        register("alice", "mobile", 1, "Contact: <sip:alice@10.0.0.9:5070;transport=tcp>\r\n");

        registrar.unbind("alice");
        clock.advance(0);
        registrar.unbind("alice");
        clock.advance(0);

        assertThat(registrar.bindings("alice")).isEmpty();
        assertThat(events).containsExactly("first alice", "gone alice");
        assertThat(registry.get("cloudgate.sip.registrations.active").gauge().value()).isZero();
    }

    @Test
    void anOlderCSeqOfTheSameCallIdCannotChangeABinding() {
        registerAuthenticated("alice", "c1", 5, ALICE_PHONE + "\r\n");

        String stale = register("alice", "c1", 3, ALICE_PHONE + ";expires=0\r\n");

        assertThat(stale).startsWith("SIP/2.0 400 ");
        assertThat(registrar.bindings("alice")).hasSize(1);
        assertThat(register("alice", "other-call", 1, ALICE_PHONE + ";expires=0\r\n")).startsWith("SIP/2.0 200 OK\r\n");
        assertThat(registrar.bindings("alice")).isEmpty();
    }

    @Test
    void malformedRequestsGet400AndNothingChanges() {
        registerAuthenticated("alice", "c1", 1, ALICE_PHONE + "\r\n");

        assertThat(register("alice", "c1", 3, "Contact: *\r\n")).startsWith("SIP/2.0 400 ");
        assertThat(register("alice", "c1", 4, "Contact: *\r\nExpires: 30x\r\n")).startsWith("SIP/2.0 400 ");
        assertThat(register("alice", "c1", 5, ALICE_PHONE + ";expires=abc\r\n")).startsWith("SIP/2.0 400 ");
        assertThat(register("alice", "c1", 6, ALICE_PHONE + "\r\nRequire: gruu\r\n"))
                .startsWith("SIP/2.0 420 Bad Extension\r\n").contains("Unsupported: gruu\r\n");

        assertThat(registrar.bindings("alice")).hasSize(1);
        assertThat(attempts("bad-request")).isEqualTo(4);
    }

    @Test
    void aWrongPasswordIsChallengedAgainAndCounted() {
        String answer = registerAs("alice", "alice", "guess");

        assertThat(answer).startsWith("SIP/2.0 401 Unauthorized\r\n").doesNotContain("stale");
        assertThat(registry.get("cloudgate.sip.digest.failures").tag("reason", "wrong-response").counter().count())
                .isEqualTo(1);
        assertThat(registrar.bindings("alice")).isEmpty();
    }

    /** One password guess: a fresh challenge, then credentials with a wrong password. */
    private String guess(int attempt) {
        challenges = List.of();
        send(SipRequests.register("alice", "guess-" + attempt, 1, ALICE_PHONE + "\r\n"));
        String authorization = new DigestClient("alice", DigestSecret.password("guess-" + attempt))
                .answer(challenges, "REGISTER", "sip:gateway.example");
        return send(SipRequests.register("alice", "guess-" + attempt, 2,
                ALICE_PHONE + "\r\nAuthorization: " + authorization + "\r\n"));
    }

    @Test
    void aSourceThatFailsTooOftenIsRefusedWithoutChallengeUntilItsBlockEnds() {
        int limit = AuthenticationThrottle.Limits.DEFAULTS.failures();
        for (int i = 0; i < limit; i++) {
            assertThat(guess(i)).startsWith("SIP/2.0 401 Unauthorized\r\n");
        }

        assertThat(send(SipRequests.register("alice", "blocked", 1, ALICE_PHONE + "\r\n")))
                .startsWith("SIP/2.0 403 Too Many Failed Authentications\r\n").doesNotContain("WWW-Authenticate");
        assertThat(attempts("throttled")).isEqualTo(1);

        advanceSeconds(AuthenticationThrottle.Limits.DEFAULTS.block().toSeconds() + 1);
        challenges = List.of();
        assertThat(registerAuthenticated("alice", "after", 1, ALICE_PHONE + "\r\n")).startsWith("SIP/2.0 200 OK\r\n");
    }

    @Test
    void firstRequestsWithoutCredentialsNeverBlockASource() {
        int limit = AuthenticationThrottle.Limits.DEFAULTS.failures();
        for (int i = 0; i < 3 * limit; i++) {
            challenges = List.of();
            assertThat(send(SipRequests.register("alice", "first-" + i, 1, ALICE_PHONE + "\r\n")))
                    .startsWith("SIP/2.0 401 Unauthorized\r\n");
        }
        assertThat(attempts("throttled")).isZero();
    }

    @Test
    void aFaultBehindTheRegistrarIsAnswered500() {
        String answer = registerAs("crash", "crash", "x");

        assertThat(answer).startsWith("SIP/2.0 500 Server Internal Error\r\n");
    }

    @Test
    void aUserCannotGrowItsBindingsWithoutBound() {
        registerAuthenticated("alice", "c0", 1, "Contact: <sip:alice@10.0.0.100>\r\n");
        for (int i = 1; i < RegistrarSettings.DEFAULTS.maxBindingsPerUser(); i++) {
            assertThat(register("alice", "c" + i, 1, "Contact: <sip:alice@10.0.0." + i + ">\r\n"))
                    .startsWith("SIP/2.0 200 OK\r\n");
        }

        assertThat(register("alice", "c99", 1, "Contact: <sip:alice@10.0.0.99>\r\n")).startsWith("SIP/2.0 403 ");
        assertThat(registrar.bindings("alice")).hasSize(RegistrarSettings.DEFAULTS.maxBindingsPerUser());
    }
}
