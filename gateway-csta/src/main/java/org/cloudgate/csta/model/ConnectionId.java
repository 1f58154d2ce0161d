package org.cloudgate.csta.model;

/**
 * A connection: the relation between a call and a device (ECMA-269 6.1.3).
 *
 * <p>Either part may be absent ({@code null}) as ECMA-269 allows, but not both. Both identifiers
 * are opaque strings chosen by the switching function.
 */
public record ConnectionId(String callId, String deviceId) {

    /** Checks that at least one part is present. */
    public ConnectionId {
        if (callId == null && deviceId == null) {
            throw new IllegalArgumentException("a connection needs a call or a device identifier");
        }
    }
}
