package org.cloudgate.sip.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The client side of SIP digest authentication (RFC 3261 section 22.2 and 22.3, RFC 7616
 * section 3.4): answers a 401/407 from the PBX with Authorization/Proxy-Authorization, using
 * the topmost challenge whose algorithm it supports (RFC 8760 section 2.4: the server lists
 * them in its order of preference) and {@code qop=auth} with a fresh cnonce when offered.
 * Reusing a nonce counts nc up.
 *
 * <p>{@link #toString()} never shows the secret. Not thread-safe.
 */
public final class DigestClient {

    private static final HexFormat HEX = HexFormat.of();

    private final String username;
    private final DigestSecret secret;
    private final SecureRandom random = new SecureRandom();
    private String lastNonce;
    private long nonceCount;

    public DigestClient(String username, DigestSecret secret) {
        this.username = username;
        this.secret = secret;
    }

    /**
     * The credentials answering one of {@code challenges} (the values of every WWW-Authenticate
     * or Proxy-Authenticate line) for a request with {@code method} and Request-URI {@code uri}.
     *
     * @return the header value, or {@code null} when no challenge uses an algorithm and qop the
     *         gateway can answer
     */
    public String answer(List<String> challenges, String method, String uri) {
        for (String challenge : challenges) {
            if (!DigestChallengeKind.isDigest(challenge)) {
                continue;
            }
            AuthParams params = AuthParams.parse(challenge.substring(6));
            DigestAlgorithm algorithm = params == null ? null : DigestAlgorithm.of(params.get("algorithm"));
            if (algorithm != null && params.get("realm") != null && params.get("nonce") != null) {
                String answer = answer(algorithm, params, method, uri);
                if (answer != null) {
                    return answer;
                }
            }
        }
        return null;
    }

    private String answer(DigestAlgorithm algorithm, AuthParams challenge, String method, String uri) {
        String realm = challenge.get("realm");
        String nonce = challenge.get("nonce");
        String ha1 = secret.ha1(algorithm, username, realm);
        String qop = challenge.get("qop");
        if (ha1 == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(256).append("Digest username=").append(AuthParams.quote(username))
                .append(", realm=").append(AuthParams.quote(realm))
                .append(", nonce=").append(AuthParams.quote(nonce))
                .append(", uri=").append(AuthParams.quote(uri));
        if (qop == null) {
            // RFC 2069 compatibility, RFC 7616 section 3.4.1: no qop, no cnonce, no nc.
            String ha2 = algorithm.hash(method + ':' + uri);
            out.append(", response=\"").append(algorithm.hash(ha1 + ':' + nonce + ':' + ha2)).append('"');
        } else if (offersAuth(qop)) {
            nonceCount = nonce.equals(lastNonce) ? nonceCount + 1 : 1;
            lastNonce = nonce;
            String nc = String.format("%08x", nonceCount);
            byte[] cnonceBytes = new byte[12];
            random.nextBytes(cnonceBytes);
            String cnonce = HEX.formatHex(cnonceBytes);
            out.append(", response=\"").append(algorithm.response(ha1, nonce, nc, cnonce, method, uri)).append('"')
                    .append(", cnonce=\"").append(cnonce).append("\", nc=").append(nc).append(", qop=auth");
        } else {
            return null;
        }
        out.append(", algorithm=").append(algorithm.token());
        String opaque = challenge.get("opaque");
        if (opaque != null) {
            out.append(", opaque=").append(AuthParams.quote(opaque));
        }
        return out.toString();
    }

    /** Whether a qop list ({@code "auth,auth-int"}) includes {@code auth}. */
    private static boolean offersAuth(String qop) {
        int start = 0;
        while (start <= qop.length()) {
            int comma = qop.indexOf(',', start);
            int end = comma < 0 ? qop.length() : comma;
            if ("auth".equalsIgnoreCase(qop.substring(start, end).trim())) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    @Override
    public String toString() {
        return "DigestClient[username=" + username + ", secret=<redacted>]";
    }
}
