package org.cloudgate.sip.auth;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.CharsetUtil;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Challenges, verification, nonce lifetime and replay protection of the server side. */
class DigestAuthenticatorTest {

    private static final String REALM = "gateway.example";
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final Map<String, DigestSecret> users = Map.of("alice", DigestSecret.password("wonderland"));
    private DigestAuthenticator authenticator = new DigestAuthenticator(
            new DigestSettings(REALM, DigestSettings.RFC_8760_ORDER, Duration.ofSeconds(30), 100), users::get, clock::get);

    private DigestVerdict verify(String authorization) {
        SipRequest request = SipRequests.register("alice", "c1", 2,
                authorization == null ? "" : "Authorization: " + authorization + "\r\n");
        try {
            return authenticator.verify(request, DigestChallengeKind.ORIGIN);
        } finally {
            request.release();
        }
    }

    /** Credentials with a chosen nc for the challenge of {@code algorithm}. */
    private static String credentials(String challenge, DigestAlgorithm algorithm, String user, String password, String nc) {
        AuthParams params = AuthParams.parse(challenge.substring("Digest".length()));
        String uri = "sip:gateway.example";
        String response = algorithm.response(algorithm.ha1(user, REALM, password), params.get("nonce"), nc, "cn0",
                "REGISTER", uri);
        return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + params.get("nonce")
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm.token()
                + ", cnonce=\"cn0\", nc=" + nc + ", qop=auth, opaque=\"" + params.get("opaque") + "\"";
    }

    private String challenge() {
        return authenticator.challenges(false).get(0);
    }

    @Test
    void theChallengeOffersSha256FirstThenMd5WithQopAuthAndOneNonce() {
        SipRequest request = SipRequests.register("alice", "c1", 1, "");
        SipResponse response = authenticator.challenge(request, DigestChallengeKind.ORIGIN, false);
        try {
            assertThat(response.status()).isEqualTo(401);
            List<String> challenges = response.headers(org.cloudgate.sip.message.HeaderName.WWW_AUTHENTICATE);
            assertThat(challenges).hasSize(2);
            assertThat(challenges.get(0)).startsWith("Digest realm=\"gateway.example\"")
                    .contains("algorithm=SHA-256", "qop=\"auth\"", "opaque=\"").doesNotContain("stale");
            assertThat(challenges.get(1)).contains("algorithm=MD5");
            assertThat(AuthParams.parse(challenges.get(0).substring(6)).get("nonce"))
                    .isEqualTo(AuthParams.parse(challenges.get(1).substring(6)).get("nonce"));
            var encoded = response.encode(ByteBufAllocator.DEFAULT);
            String text = encoded.toString(CharsetUtil.UTF_8);
            encoded.release();
            assertThat(text.indexOf("SHA-256")).isLessThan(text.indexOf("algorithm=MD5"));
        } finally {
            response.release();
            request.release();
        }
    }

    @Test
    void theClientsAnswerIsAcceptedWithEitherAlgorithm() {
        DigestClient client = new DigestClient("alice", DigestSecret.password("wonderland"));
        List<String> both = authenticator.challenges(false);

        String preferred = client.answer(both, "REGISTER", "sip:gateway.example");
        String md5Only = client.answer(List.of(authenticator.challenges(false).get(1)), "REGISTER", "sip:gateway.example");

        assertThat(preferred).contains("algorithm=SHA-256", "qop=auth", "nc=00000001");
        assertThat(verify(preferred).username()).isEqualTo("alice");
        assertThat(md5Only).contains("algorithm=MD5");
        assertThat(verify(md5Only).username()).isEqualTo("alice");
    }

    @Test
    void theClientTakesTheTopmostChallengeItSupports() {
        DigestClient client = new DigestClient("alice", DigestSecret.password("wonderland"));
        List<String> offered = authenticator.challenges(false);
        String unknown = offered.get(0).replace("algorithm=SHA-256", "algorithm=SHA-512-256");

        assertThat(client.answer(List.of(offered.get(1), offered.get(0)), "REGISTER", "sip:gateway.example"))
                .contains("algorithm=MD5");
        assertThat(client.answer(List.of(unknown, offered.get(1)), "REGISTER", "sip:gateway.example"))
                .contains("algorithm=MD5");
        assertThat(client.answer(List.of(unknown, "Basic realm=\"x\""), "REGISTER", "sip:gateway.example")).isNull();
    }

    @Test
    void wrongPasswordUnknownUserAndMissingCredentialsAreTold() {
        assertThat(verify(credentials(challenge(), DigestAlgorithm.SHA_256, "alice", "guess", "00000001")).failure())
                .isEqualTo(DigestFailure.WRONG_RESPONSE);
        assertThat(verify(credentials(challenge(), DigestAlgorithm.MD5, "mallory", "x", "00000001")).failure())
                .isEqualTo(DigestFailure.UNKNOWN_USER);
        assertThat(verify(null).failure()).isEqualTo(DigestFailure.MISSING);
        assertThat(verify(credentials(challenge(), DigestAlgorithm.MD5, "alice", "wonderland", "00000001")
                .replace("realm=\"gateway.example\"", "realm=\"elsewhere\"")).failure()).isEqualTo(DigestFailure.MISSING);
        assertThat(verify(credentials(challenge(), DigestAlgorithm.MD5, "alice", "wonderland", "00000001")
                .replace(", qop=auth", "")).failure()).isEqualTo(DigestFailure.MALFORMED);
    }

    @Test
    void aReusedOrLowerNonceCountIsAReplay() {
        String challenge = challenge();
        String first = credentials(challenge, DigestAlgorithm.SHA_256, "alice", "wonderland", "00000002");

        assertThat(verify(first).authenticated()).isTrue();
        assertThat(verify(first).failure()).isEqualTo(DigestFailure.REPLAYED);
        assertThat(verify(credentials(challenge, DigestAlgorithm.SHA_256, "alice", "wonderland", "00000001")).failure())
                .isEqualTo(DigestFailure.REPLAYED);
        assertThat(verify(credentials(challenge, DigestAlgorithm.SHA_256, "alice", "wonderland", "00000003"))
                .authenticated()).isTrue();
    }

    @Test
    void anExpiredNonceIsStaleOnlyWhenThePasswordWasRight() {
        String challenge = challenge();
        clock.addAndGet(30_001);

        assertThat(verify(credentials(challenge, DigestAlgorithm.SHA_256, "alice", "wonderland", "00000001")).failure())
                .isEqualTo(DigestFailure.STALE_NONCE);
        assertThat(verify(credentials(challenge, DigestAlgorithm.SHA_256, "alice", "guess", "00000001")).failure())
                .isEqualTo(DigestFailure.WRONG_RESPONSE);
        assertThat(authenticator.challenges(true)).allSatisfy(c -> assertThat(c).endsWith(", stale=true"));
    }

    @Test
    void aNonceNotIssuedHereIsRefused() {
        String challenge = challenge();
        String nonce = AuthParams.parse(challenge.substring(6)).get("nonce");
        String tampered = nonce.substring(0, 3) + (nonce.charAt(3) == 'A' ? 'B' : 'A') + nonce.substring(4);
        String forged = credentials(challenge.replace(nonce, tampered), DigestAlgorithm.SHA_256, "alice", "wonderland",
                "00000001");

        assertThat(verify(forged).failure()).isEqualTo(DigestFailure.FORGED_NONCE);
        assertThat(verify(credentials(challenge.replace(nonce, "abc"), DigestAlgorithm.MD5, "alice", "wonderland",
                "00000001")).failure()).isEqualTo(DigestFailure.FORGED_NONCE);
    }

    @Test
    void aNonceDroppedFromTheBoundedTableCannotBeReplayedButIsStale() {
        authenticator = new DigestAuthenticator(
                new DigestSettings(REALM, DigestSettings.RFC_8760_ORDER, Duration.ofSeconds(30), 2), users::get, clock::get);
        String oldest = challenge();
        clock.incrementAndGet();
        String second = challenge();
        clock.incrementAndGet();
        String third = challenge();
        String replayed = credentials(oldest, DigestAlgorithm.MD5, "alice", "wonderland", "00000001");

        assertThat(verify(replayed).authenticated()).isTrue();
        assertThat(verify(credentials(second, DigestAlgorithm.MD5, "alice", "wonderland", "00000001")).authenticated())
                .isTrue();
        assertThat(verify(credentials(third, DigestAlgorithm.MD5, "alice", "wonderland", "00000001")).authenticated())
                .isTrue();

        assertThat(verify(replayed).failure()).isEqualTo(DigestFailure.STALE_NONCE);
    }
}
