package org.cloudgate.sip.registration;

import java.time.Duration;

/**
 * How the gateway keeps a terminal registered at the PBX (RFC 3261 section 10.2).
 *
 * @param expires       registration time asked for, in seconds; the PBX may grant less
 * @param firstRetry    wait after the first failed attempt
 * @param longestRetry  the wait doubles after each failure up to this
 */
public record PbxRegistrationSettings(long expires, Duration firstRetry, Duration longestRetry) {

    public static final PbxRegistrationSettings DEFAULTS =
            new PbxRegistrationSettings(3600, Duration.ofSeconds(2), Duration.ofMinutes(5));

    public PbxRegistrationSettings {
        if (expires < 1 || firstRetry.isNegative() || firstRetry.isZero() || longestRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("need expires >= 1 and 0 < first retry <= longest retry: " + expires
                    + ", " + firstRetry + ", " + longestRetry);
        }
    }
}
