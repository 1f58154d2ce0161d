package org.cloudgate.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;

/**
 * The server side of SIP digest authentication (RFC 3261 section 22, RFC 7616, RFC 8760):
 * challenges with one {@code qop="auth"} challenge per configured algorithm, checks a request's
 * credentials against the {@link CredentialStore}, and refuses forged, expired and replayed
 * nonces. Expected and received responses are compared in constant time.
 *
 * <p>Nonces carry their own authenticity and age ({@link Nonces}); only their counts are
 * tracked, in bounded memory ({@link NonceCounts}). Not thread-safe: one instance belongs to the
 * event loop that authenticates with it.
 */
public final class DigestAuthenticator {

    private static final String SCHEME = "Digest";

    private final DigestSettings settings;
    private final CredentialStore credentials;
    private final Nonces nonces;
    private final NonceCounts counts;
    private final String opaque;

    /**
     * @param clockMillis a monotonic clock in milliseconds, e.g. the event loop's ticker
     */
    public DigestAuthenticator(DigestSettings settings, CredentialStore credentials, LongSupplier clockMillis) {
        this.settings = settings;
        this.credentials = credentials;
        this.nonces = new Nonces(settings.nonceLifetime(), clockMillis);
        this.counts = new NonceCounts(settings.trackedNonces());
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.opaque = HexFormat.of().formatHex(random);
    }

    public DigestSettings settings() {
        return settings;
    }

    /**
     * The challenge values for a 401/407, one per algorithm in the configured order, all with
     * the same fresh nonce (RFC 7616 section 3.7 and 3.9.1).
     */
    public List<String> challenges(boolean stale) {
        String nonce = nonces.issue();
        return settings.algorithms().stream().map(algorithm -> SCHEME + " realm=" + AuthParams.quote(settings.realm())
                + ", nonce=\"" + nonce + "\", opaque=\"" + opaque + "\", algorithm=" + algorithm.token()
                + ", qop=\"auth\"" + (stale ? ", stale=true" : "")).toList();
    }

    /**
     * A 401 or 407 answering {@code request}, with the challenges in the configured order (the
     * first in the message is the most preferred, RFC 8760 section 2.4). The caller releases it.
     */
    public SipResponse challenge(SipRequest request, DigestChallengeKind kind, boolean stale) {
        SipResponse response = SipErrorResponse.of(request, kind.status(), kind.reasonPhrase());
        List<String> values = challenges(stale);
        for (int i = values.size() - 1; i >= 0; i--) {
            response.addHeader(kind.challengeHeader(), values.get(i));
        }
        return response;
    }

    /**
     * Checks the credentials in {@code request} for this realm. A request may carry credentials
     * for several realms (RFC 3261 section 22.3); only this realm's count.
     */
    public DigestVerdict verify(SipRequest request, DigestChallengeKind kind) {
        AuthParams params = null;
        for (String value : request.headers(kind.credentialsHeader())) {
            if (DigestChallengeKind.isDigest(value)) {
                AuthParams candidate = AuthParams.parse(value.substring(SCHEME.length()));
                if (candidate == null) {
                    return DigestVerdict.failed(DigestFailure.MALFORMED);
                }
                if (settings.realm().equals(candidate.get("realm"))) {
                    params = candidate;
                    break;
                }
            }
        }
        return params == null ? DigestVerdict.failed(DigestFailure.MISSING) : verify(params, request.method());
    }

    private DigestVerdict verify(AuthParams params, String method) {
        String username = params.get("username");
        String nonce = params.get("nonce");
        String uri = params.get("uri");
        String response = params.get("response");
        String cnonce = params.get("cnonce");
        String nc = params.get("nc");
        if (username == null || nonce == null || uri == null || response == null || cnonce == null
                || !"auth".equalsIgnoreCase(params.get("qop")) || !isNonceCount(nc)
                || !opaque.equals(params.get("opaque"))) {
            return DigestVerdict.failed(DigestFailure.MALFORMED);
        }
        DigestAlgorithm algorithm = DigestAlgorithm.of(params.get("algorithm"));
        if (algorithm == null || !settings.algorithms().contains(algorithm)) {
            return DigestVerdict.failed(DigestFailure.UNSUPPORTED_ALGORITHM);
        }
        Nonces.Check nonceCheck = nonces.check(nonce);
        if (nonceCheck == Nonces.Check.FORGED) {
            return DigestVerdict.failed(DigestFailure.FORGED_NONCE);
        }
        DigestSecret secret = credentials.secret(username);
        String ha1 = secret == null ? null : secret.ha1(algorithm, username, settings.realm());
        if (ha1 == null) {
            return DigestVerdict.failed(secret == null ? DigestFailure.UNKNOWN_USER : DigestFailure.UNSUPPORTED_ALGORITHM);
        }
        String expected = algorithm.response(ha1, nonce, nc, cnonce, method, uri);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return DigestVerdict.failed(DigestFailure.WRONG_RESPONSE);
        }
        if (nonceCheck == Nonces.Check.STALE) {
            return DigestVerdict.failed(DigestFailure.STALE_NONCE);
        }
        return switch (counts.accept(nonce, nonces.issuedAt(nonce), Long.parseLong(nc, 16))) {
            case ACCEPTED -> DigestVerdict.authenticated(username);
            case REPLAYED -> DigestVerdict.failed(DigestFailure.REPLAYED);
            case FORGOTTEN -> DigestVerdict.failed(DigestFailure.STALE_NONCE);
        };
    }

    /** nc is exactly 8 hex digits (RFC 7616 section 3.4). */
    private static boolean isNonceCount(String nc) {
        if (nc == null || nc.length() != 8) {
            return false;
        }
        for (int i = 0; i < nc.length(); i++) {
            if (Character.digit(nc.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
