package org.cloudgate.sip.b2bua;

import java.time.Duration;

/**
 * Session timers (RFC 4028) as the gateway runs them on each leg of a call, vendor field "Send
 * session refresh". With them on, each dialog has a session interval: on the callee's leg the
 * gateway asks to refresh itself ({@code refresher=uac}); on the caller's leg the caller
 * refreshes when it supports the extension, the gateway otherwise. The gateway refreshes with an
 * UPDATE at half the interval; a refresh that fails, or a peer that does not refresh in time,
 * ends both legs with a Reason.
 *
 * @param enabled  whether the gateway runs session timers at all; off, Session-Expires passes
 *                 through end to end
 * @param interval the session interval the gateway asks for (Session-Expires)
 * @param minimum  the smallest interval it accepts (Min-SE); below it a request gets 422
 */
public record SessionRefresh(boolean enabled, Duration interval, Duration minimum) {

    /** RFC 4028 section 4: Min-SE is never below 90 seconds. */
    public static final long SMALLEST_MIN_SE = 90;

    public static final SessionRefresh OFF = new SessionRefresh(false, Duration.ofMinutes(30), Duration.ofSeconds(90));

    /** The configuration keeps Min-SE at or above {@link #SMALLEST_MIN_SE}; tests may go below. */
    public SessionRefresh {
        if (minimum.toSeconds() < 1 || interval.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("need 1 s <= Min-SE <= Session-Expires: " + minimum + ", " + interval);
        }
    }

    long intervalSeconds() {
        return interval.toSeconds();
    }

    long minimumSeconds() {
        return minimum.toSeconds();
    }
}
