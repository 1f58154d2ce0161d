package org.cloudgate.sip.b2bua;

/**
 * The From of an outgoing leg: display name (as it should be written, quoted or empty) and URI.
 * A {@code null} field keeps what the caller sent.
 */
public record CallerIdentity(String displayName, String uri) {

    /** Keep the caller's From as it is. */
    public static final CallerIdentity AS_RECEIVED = new CallerIdentity(null, null);
}
