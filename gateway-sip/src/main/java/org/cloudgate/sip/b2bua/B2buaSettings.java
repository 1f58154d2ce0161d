package org.cloudgate.sip.b2bua;

import java.time.Duration;

/**
 * Limits of the B2BUA.
 *
 * @param advertisedHost the host written into the gateway's Via and Contact (an IPv6 literal in
 *                       brackets)
 * @param ringTimeout    how long a call may ring before the gateway gives up with 480
 * @param maxDuration    the longest an answered call may last before the gateway hangs up both
 *                       legs: the bound on a dialog whose BYE was lost
 * @param sessionRefresh session timers on each leg (RFC 4028)
 * @param sessionReplacement whether the gateway supports Replaces (RFC 3891), mapping it across
 *                       its two dialogs; off, it neither offers nor honours it
 */
public record B2buaSettings(String advertisedHost, Duration ringTimeout, Duration maxDuration,
                            SessionRefresh sessionRefresh, boolean sessionReplacement) {

    public B2buaSettings(String advertisedHost, Duration ringTimeout, Duration maxDuration) {
        this(advertisedHost, ringTimeout, maxDuration, SessionRefresh.OFF);
    }

    public B2buaSettings(String advertisedHost, Duration ringTimeout, Duration maxDuration,
                         SessionRefresh sessionRefresh) {
        this(advertisedHost, ringTimeout, maxDuration, sessionRefresh, true);
    }

    public B2buaSettings {
        if (ringTimeout.isNegative() || ringTimeout.isZero() || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
