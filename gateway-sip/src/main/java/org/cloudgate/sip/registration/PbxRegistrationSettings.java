package org.cloudgate.sip.registration;

import java.time.Duration;

/**
 * How the gateway keeps a terminal registered at the PBX (RFC 3261 section 10.2).
 *
 * @param expires       registration time asked for, in seconds; the PBX may grant less
 * @param firstRetry    wait after the first failed attempt
 * @param longestRetry  the wait doubles after each failure up to this
 * @param jitter        up to this fraction (0 to 1) of each refresh or retry wait is taken off
 *                      at random, so that the terminals of many users registered together do
 *                      not refresh, or retry after a PBX outage, all in the same instant
 */
public record PbxRegistrationSettings(long expires, Duration firstRetry, Duration longestRetry, double jitter) {

    public static final PbxRegistrationSettings DEFAULTS =
            new PbxRegistrationSettings(3600, Duration.ofSeconds(2), Duration.ofMinutes(5), 0.25);

    public PbxRegistrationSettings {
        if (expires < 1 || firstRetry.isNegative() || firstRetry.isZero() || longestRetry.compareTo(firstRetry) < 0
                || !(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("need expires >= 1, 0 < first retry <= longest retry and 0 <= jitter <= 1: "
                    + expires + ", " + firstRetry + ", " + longestRetry + ", " + jitter);
        }
    }
}
