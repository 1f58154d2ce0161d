package org.cloudgate.sip.b2bua;

/**
 * A session description the gateway cannot carry: malformed, or with no codec the bandwidth
 * area allows. The request that carried it gets {@code 488 Not Acceptable Here}
 * (RFC 3261 section 21.4.26) with a Warning saying why.
 */
public final class MediaRefusedException extends RuntimeException {

    public MediaRefusedException(String reason) {
        super(reason, null, false, false);
    }
}
