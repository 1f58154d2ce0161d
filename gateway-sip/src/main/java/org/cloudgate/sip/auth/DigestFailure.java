package org.cloudgate.sip.auth;

/**
 * Why credentials were not accepted, one metric tag per reason (low cardinality). Every reason
 * is answered with a new challenge; only {@link #STALE_NONCE} sets {@code stale=true} (RFC 7616
 * section 3.3), because only then was the password right.
 */
public enum DigestFailure {
    /** No credentials for this realm: the first request of every client. */
    MISSING("missing"),
    MALFORMED("malformed"),
    UNSUPPORTED_ALGORITHM("unsupported-algorithm"),
    FORGED_NONCE("bad-nonce"),
    STALE_NONCE("stale-nonce"),
    REPLAYED("replay"),
    UNKNOWN_USER("unknown-user"),
    WRONG_RESPONSE("wrong-response");

    private final String tag;

    DigestFailure(String tag) {
        this.tag = tag;
    }

    /** The value of the {@code reason} metric tag. */
    public String tag() {
        return tag;
    }
}
