package org.cloudgate.sip.auth;

import org.cloudgate.sip.message.HeaderName;

/**
 * The two places digest authentication happens in SIP (RFC 3261 section 22.2 and 22.3): a UAS
 * or registrar answers 401 with WWW-Authenticate and reads Authorization; a proxy answers 407
 * with Proxy-Authenticate and reads Proxy-Authorization.
 */
public enum DigestChallengeKind {
    ORIGIN(401, "Unauthorized", HeaderName.WWW_AUTHENTICATE, HeaderName.AUTHORIZATION),
    PROXY(407, "Proxy Authentication Required", HeaderName.PROXY_AUTHENTICATE, HeaderName.PROXY_AUTHORIZATION);

    private final int status;
    private final String reasonPhrase;
    private final HeaderName challengeHeader;
    private final HeaderName credentialsHeader;

    DigestChallengeKind(int status, String reasonPhrase, HeaderName challengeHeader, HeaderName credentialsHeader) {
        this.status = status;
        this.reasonPhrase = reasonPhrase;
        this.challengeHeader = challengeHeader;
        this.credentialsHeader = credentialsHeader;
    }

    public int status() {
        return status;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    public HeaderName challengeHeader() {
        return challengeHeader;
    }

    public HeaderName credentialsHeader() {
        return credentialsHeader;
    }

    /** Whether a challenge or credentials value uses the Digest scheme (RFC 3261 section 22.4). */
    public static boolean isDigest(String value) {
        return value.length() > 6 && value.regionMatches(true, 0, "Digest", 0, 6)
                && Character.isWhitespace(value.charAt(6));
    }

    /** The kind a response with {@code status} asks for, or {@code null} if it is no challenge. */
    public static DigestChallengeKind ofStatus(int status) {
        return status == 401 ? ORIGIN : status == 407 ? PROXY : null;
    }
}
